// The open API's keys and rate limit, pure: the key's shape, its hash, the token bucket over time.
import { describe, expect, it } from 'vitest'
import { hashApiKey, KEY_SHAPE, newApiKey, shownPrefix } from '../../src/capabilities/openapi/api-key.ts'
import { RateLimiter } from '../../src/capabilities/openapi/rate-limit.ts'

describe('api keys', () => {
  it('are at least 24 characters of letters, digits and -_.~, different each time, hashed', () => {
    const a = newApiKey()
    const b = newApiKey()
    expect(a).toMatch(KEY_SHAPE)
    expect(a.length).toBeGreaterThanOrEqual(24)
    expect(a).not.toBe(b)
    expect(hashApiKey(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashApiKey(a)).not.toBe(hashApiKey(b))
    expect(a.startsWith(shownPrefix(a))).toBe(true)
    expect(shownPrefix(a).length).toBeLessThan(12)
  })
})

describe('rate limiter', () => {
  it('lets a burst of `capacity` through, then one per 1/perSecond, per key', () => {
    const r = new RateLimiter({ capacity: 3, perSecond: 1 })
    const t = 1_000_000
    expect([1, 2, 3].map(() => r.take(1, t).ok)).toEqual([true, true, true])
    expect(r.take(1, t)).toEqual({ ok: false, retryAfterS: 1 })
    expect(r.take(2, t).ok).toBe(true)
    expect(r.take(1, t + 1000).ok).toBe(true)
    expect(r.take(1, t + 1000).ok).toBe(false)
    expect([0, 1, 2, 3].map(() => r.take(1, t + 60_000).ok)).toEqual([true, true, true, false])
  })
})
