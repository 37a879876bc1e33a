// Group commit in the application: statements of the same kind that arrive while one is being written are sent
// together as one statement (one round trip, one commit, one WAL flush) as soon as a slot is free. A lone item goes
// at once — no timer, so nothing waits at low load — and under load the batches grow by themselves. Each caller
// still gets its own result or error.
/** One item of a batch failed on its own (the batch was retried item by item): only its caller hears of it. */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

export class GroupCommit<I, O> {
  private queued: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = []
  private inFlight = 0

  constructor(
    /** Writes the items as one statement; returns one result (or ItemFailure) per item, in order. */
    private readonly write: (items: I[]) => Promise<(O | ItemFailure)[]>,
    private readonly opts: { maxItems: number; maxInFlight: number },
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queued.push({ item, resolve, reject })
      this.pump()
    })
  }

  private pump(): void {
    while (this.inFlight < this.opts.maxInFlight && this.queued.length) {
      const batch = this.queued.splice(0, this.opts.maxItems)
      this.inFlight++
      this.write(batch.map((b) => b.item))
        .then(
          (out) =>
            batch.forEach((b, i) => {
              const o = out[i]
              if (o instanceof ItemFailure) b.reject(o.error)
              else b.resolve(o as O)
            }),
          (err) => {
            for (const b of batch) b.reject(err)
          },
        )
        .finally(() => {
          this.inFlight--
          this.pump()
        })
    }
  }
}
