// Runs tasks that share a key one after another, in the order they were started; different keys run in parallel.
// The gateway reads each message (an image download, say) as soon as it arrives but hands one conversation's
// messages to the queue through this, so the queue sees them in delivery order; the workers keep that order
// (src/jobs/inbound.ts). Without it "#签到" then "#签到 撤销" could undo the wrong record, T2 be numbered before T1.

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
