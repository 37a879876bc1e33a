// A token bucket per API key, in this process's memory: `capacity` calls at once, refilled at `perSecond`. Several
// processes each keep their own buckets (a key's limit is then per process); time is an input.
export interface BucketOptions {
  capacity: number
  perSecond: number
}

export class RateLimiter {
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
