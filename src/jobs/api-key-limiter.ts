// The open API's per-key rate limit in Redis, shared by every process serving the API: a token bucket kept as GCRA's
// one number per key (the theoretical arrival time, ms), read and moved in one Lua step so two processes never both
// take the last token. `capacity` calls at once, then `perSecond`. Time comes from the caller (the injected clock).
import type { RedisClient } from './redis-client.ts'

const GCRA = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allowAt = tat + interval - burst * interval
if now < allowAt then return allowAt - now end
redis.call('SET', KEYS[1], tat + interval, 'PX', tat + interval - now + 1000)
return 0`

export class RedisApiKeyLimiter {
  private readonly intervalMs: number
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly o: { capacity: number; perSecond: number },
  ) {
    this.intervalMs = Math.max(1, Math.round(1000 / o.perSecond))
  }

  async take(keyId: number, nowMs: number): Promise<{ ok: true } | { ok: false; retryAfterS: number }> {
    const waitMs = Number(await this.redis.eval(GCRA, 1, `${this.prefix}:api-rl:${keyId}`, Math.floor(nowMs), this.intervalMs, this.o.capacity))
    return waitMs > 0 ? { ok: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) } : { ok: true }
  }
}
