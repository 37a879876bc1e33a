// A store that is down makes the same error over and over (every worker, every reconnect attempt: ~11 lines a second
// with Redis away). A throttle lets one line per key through every `everyMs`, carrying how many it held back.
export class LogThrottle {
  private readonly last = new Map<string, { at: number; held: number }>()

  constructor(private readonly everyMs = 10_000) {}

  /** null: hold this one back; a number: log it, with that many held back since the last one. */
  pass(key: string, now = Date.now()): number | null {
    const s = this.last.get(key)
    if (s && now - s.at < this.everyMs) {
      s.held++
      return null
    }
    this.last.set(key, { at: now, held: 0 })
    return s?.held ?? 0
  }
}

/** One throttle for the whole process's store errors (workers, leases): one line per 10 s per kind. */
export const storeErrors = new LogThrottle(10_000)
