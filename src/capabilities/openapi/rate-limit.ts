// The per-key rate limit of the open API: what the routes ask of it (KeyLimiter), and a token bucket in this process's
// memory (`capacity` calls at once, refilled at `perSecond`) for a single process; every process serving the API
// shares one in Redis (src/jobs/api-key-limiter.ts) in `gridbot start` and the simulator. Time is an input.
export interface BucketOptions {
  capacity: number
  perSecond: number
}

export type TakeResult = { ok: true } | { ok: false; retryAfterS: number }

export interface KeyLimiter {
  take(keyId: number, nowMs: number): Promise<TakeResult> | TakeResult
}

export class RateLimiter implements KeyLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>()
  constructor(private readonly o: BucketOptions) {}

  /** Takes one token for `key`; false (and how many seconds until the next) when the bucket is empty. */
  take(key: number, nowMs: number): { ok: true } | { ok: false; retryAfterS: number } {
    const b = this.buckets.get(key) ?? { tokens: this.o.capacity, at: nowMs }
    b.tokens = Math.min(this.o.capacity, b.tokens + ((nowMs - b.at) / 1000) * this.o.perSecond)
    b.at = nowMs
    this.buckets.set(key, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return { ok: true }
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / this.o.perSecond)) }
  }
}
