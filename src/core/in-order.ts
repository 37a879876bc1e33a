// Runs tasks that share a key one after another, in the order they were started; different keys run in parallel.
// The inbound worker takes jobs in arrival order but runs many at once: without this, two messages from one group
// that arrive together (a backlog after an outage, a fast typist) could be handled in either order — "#签到" then
// "#签到 撤销" undoing the wrong record, T2 numbered before T1.

export class InOrder {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve()
    // A failed predecessor must not stop its successors: they wait for it to settle, not to succeed.
    const result = before.then(task, task)
    const tail = result.catch(() => undefined)
    this.tails.set(key, tail)
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return result
  }

  /** Keys with work queued or running (tests, and to show the map does not grow). */
  get size(): number {
    return this.tails.size
  }
}
