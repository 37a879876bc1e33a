// Gathers items that arrive close together and writes them in one go (one round trip, one commit), while each
// caller still waits for its own item to be written. Under load the database commits once per batch instead of once
// per message; a lone item waits at most `waitMs`.
export class Batcher<T> {
  private items: { item: T; done: (err?: unknown) => void }[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly opts: { maxItems: number; waitMs: number },
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.items.push({ item, done: (err) => (err ? reject(err) : resolve()) })
      if (this.items.length >= this.opts.maxItems) void this.flush()
      else this.timer ??= setTimeout(() => void this.flush(), this.opts.waitMs)
    })
  }

  /** Writes what is waiting now; each caller hears whether its batch was written. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const batch = this.items
    this.items = []
    if (!batch.length) return
    try {
      await this.write(batch.map((b) => b.item))
      for (const b of batch) b.done()
    } catch (err) {
      for (const b of batch) b.done(err)
    }
  }
}
