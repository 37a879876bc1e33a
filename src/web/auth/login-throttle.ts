// Guessing login codes: failed attempts are counted per address (10 in 10 minutes) and over all addresses (100 a
// minute: the code space itself, against a guesser spread over many addresses); past either, the login form answers
// 429 until the window passes, the right code included. In memory, per process: a bound, not a ledger.
export class AttemptLimiter {
  private readonly seen = new Map<string, { since: number; count: number }>()

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  blocked(key: string, now: number): boolean {
    const s = this.seen.get(key)
    if (!s || now - s.since >= this.windowMs) return false
    return s.count >= this.max
  }

  failed(key: string, now: number): void {
    const s = this.seen.get(key)
    if (!s || now - s.since >= this.windowMs) {
      this.seen.set(key, { since: now, count: 1 })
      if (this.seen.size > 10_000) this.forgetOld(now)
    } else s.count++
  }

  private forgetOld(now: number): void {
    for (const [k, s] of this.seen) if (now - s.since >= this.windowMs) this.seen.delete(k)
  }
}

export const loginLimits = () => ({ perAddress: new AttemptLimiter(10, 10 * 60_000), overall: new AttemptLimiter(100, 60_000) })
