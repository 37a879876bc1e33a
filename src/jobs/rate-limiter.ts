// The rate limit's counter in Redis: one fixed window per sender, shared by every worker process. Time comes from
// the caller (the injected clock), so the simulator's virtual minutes open new windows as real ones would.
import type { RedisClient } from './redis-client.ts'
import type { RateLimiter } from '../core/ports.ts'

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly windowMs = 60_000,
  ) {}

  async hit(key: string, now: Date): Promise<number> {
    const bucket = Math.floor(now.getTime() / this.windowMs)
    const k = `${this.prefix}:rl:${key}:${bucket}`
    const [[, count]] = (await this.redis
      .multi()
      .incr(k)
      .pexpire(k, this.windowMs * 2)
      .exec()) as [[unknown, number]]
    return count
  }
}
