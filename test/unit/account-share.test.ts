// `--accounts auto`: a gateway's share of the accounts from the live gateways' presence, capped by
// GRIDBOT_GATEWAY_MAX_ACCOUNTS; one account given back per round to a gateway two or more behind; the dead ignored.
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.ts'
import { AccountShare } from '../../src/outbound/account-share.ts'
import type { RedisClient } from '../../src/jobs/redis-client.ts'

const NOW = 1_800_000_000_000

/** The few hash commands AccountShare uses, in memory; Redis's clock fixed at NOW. */
function fakeRedis(presence: Record<string, { at: number; serving: number }>) {
  const h = new Map(Object.entries(presence).map(([k, v]) => [k, JSON.stringify(v)]))
  const r = {
    status: 'ready',
    time: async () => [String(Math.floor(NOW / 1000)), String((NOW % 1000) * 1000)],
    hset: async (_k: string, f: string, v: string) => h.set(f, v),
    hgetall: async () => Object.fromEntries(h),
    hdel: async (_k: string, f: string) => h.delete(f),
  }
  return { redis: r as unknown as RedisClient, fields: h }
}

async function share(o: { accounts: number; max?: number; serving: number; others?: Record<string, { at: number; serving: number }> }) {
  const { redis, fields } = fakeRedis(o.others ?? {})
  const s = new AccountShare({
    redis,
    prefix: 'p',
    holder: 'me',
    accounts: o.accounts,
    max: o.max ?? 20,
    log: createLogger('silent'),
    serving: () => o.serving,
    everyMs: 1_000_000,
    deadAfterMs: 15_000,
  })
  await s.start()
  await s.close()
  return { s, fields }
}

describe('a gateway share of the accounts', () => {
  it('alone, takes every account up to its maximum', async () => {
    const { s } = await share({ accounts: 4, serving: 0 })
    expect(s.mayTake(3)).toBe(true)
    expect(s.mayTake(4)).toBe(false)
    const capped = await share({ accounts: 10, max: 3, serving: 0 })
    expect(capped.s.mayTake(2)).toBe(true)
    expect(capped.s.mayTake(3)).toBe(false)
  })

  it('with another live gateway, half (rounded up); gives one back, once a round, to one two behind', async () => {
    const { s } = await share({ accounts: 3, serving: 3, others: { other: { at: NOW - 2_000, serving: 0 } } })
    expect(s.mayTake(1)).toBe(true)
    expect(s.mayTake(2)).toBe(false)
    expect(s.giveBack(3)).toBe(true)
    expect(s.giveBack(2)).toBe(false) // one per round
    const balanced = await share({ accounts: 3, serving: 2, others: { other: { at: NOW - 2_000, serving: 1 } } })
    expect(balanced.s.giveBack(2)).toBe(false) // one apart: stays
  })

  it('counts a gateway not heard of for longer than the lease as dead, and forgets it', async () => {
    const { s, fields } = await share({ accounts: 2, serving: 1, others: { dead: { at: NOW - 60_000, serving: 1 } } })
    expect(s.mayTake(1)).toBe(true) // its share is both accounts now
    expect(fields.has('dead')).toBe(false)
    expect(fields.has('me')).toBe(false) // close() took this gateway's own presence away
  })
})
