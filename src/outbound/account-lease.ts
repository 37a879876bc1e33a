// One gateway per account. A gateway serves an account only while it holds the account's lease in Redis (renewed
// every RENEW_MS, lapsing after TTL_MS); a second gateway for the same account (a deploy, a mistake, another host)
// waits as a hot standby and takes over within TTL_MS + RENEW_MS of the holder's death, never while it lives: two
// puppets on one token kick each other off. Each lease carries a fencing token (a counter per account), and every
// send checks that this process still holds that very token first, so a holder that stalled past its lease sends
// nothing after its successor started.
import os from 'node:os'
import { randomBytes } from 'node:crypto'
import type { RedisClient } from '../jobs/redis-client.ts'
import type { Logger } from '../core/logger.ts'
import { storeErrors } from '../core/log-throttle.ts'
import { within } from '../core/time-limit.ts'

export const LEASE_TTL_MS = 15_000
export const RENEW_MS = 5_000
/** How long a stop waits to give a lease back before leaving it to lapse. */
const RELEASE_LIMIT_MS = 1_000

/** What a lease holds: who, and the fencing token it was given. */
export interface LeaseHolder {
  holder: string
  token: number
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if redis.call('exists', KEYS[1]) == 0 then return redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) and 1 or 0 end
return 0`

/** Deletes the lease if this process still holds it (a lease another took meanwhile is left alone). */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`

export const leaseKey = (prefix: string, accountId: string) => `${prefix}:lease:${accountId}`
const tokenKey = (prefix: string, accountId: string) => `${prefix}:lease-token:${accountId}`

/** This process, as `gridbot accounts` shows it: host, pid, and a tag for several apps in one process (tests). */
export const processHolder = () => `${os.hostname()}/${process.pid}/${randomBytes(2).toString('hex')}`

interface Held {
  value: string | null
  start: () => Promise<void>
  stop: () => Promise<void>
  timer: NodeJS.Timeout | null
  busy: boolean
}

export class AccountLeases {
  private readonly held = new Map<string, Held>()
  private closed = false

  constructor(
    private readonly d: {
      redis: RedisClient
      prefix: string
      log: Logger
      holder?: string
      ttlMs?: number
      renewMs?: number
      /** `--accounts auto`: how many leases this gateway takes and gives back (account-share.ts); unset: every free one. */
      share?: { mayTake(serving: number): boolean; giveBack(serving: number): boolean; close(): Promise<void> }
    },
  ) {}

  /** How many accounts this process serves now. */
  servingCount(): number {
    let n = 0
    for (const h of this.held.values()) if (h.value) n++
    return n
  }

  get holder(): string {
    return (this.holderId ??= this.d.holder ?? processHolder())
  }
  private holderId: string | undefined
  private get ttl() {
    return this.d.ttlMs ?? LEASE_TTL_MS
  }
  private get every() {
    return this.d.renewMs ?? RENEW_MS
  }

  /** Serves the account (start) as soon as this process holds its lease: at once when it is free, else as a standby
   *  that checks every renewal period. stop() runs if the lease is lost; the account waits for it again then. */
  async hold(accountId: string, run: { start: () => Promise<void>; stop: () => Promise<void> }): Promise<void> {
    const h: Held = { value: null, ...run, timer: null, busy: false }
    this.held.set(accountId, h)
    const failed = await this.tick(accountId, h)
    if (failed) throw failed // a first start that fails fails the gateway's start, as without a lease
    h.timer = setInterval(() => void this.tick(accountId, h), this.every)
  }

  /** The fencing check before a send: this process still holds the account's lease, with the token it was given. */
  async holds(accountId: string): Promise<boolean> {
    const h = this.held.get(accountId)
    if (!h?.value || this.closed) return false
    const now = await this.d.redis.get(leaseKey(this.d.prefix, accountId))
    if (now === h.value) return true
    // Redis flushed (the key gone, nobody else has it): claimed again at once rather than at the next renewal.
    return now === null && (await this.d.redis.eval(RENEW, 1, leaseKey(this.d.prefix, accountId), h.value, String(this.ttl))) === 1
  }

  /** The lease this process holds for the account (its value: holder and token), or null (standby). */
  valueOf(accountId: string): string | null {
    return this.held.get(accountId)?.value ?? null
  }

  /** For each lease (an outbox claim's, kernel/outbox claimParts): whether it is still its account's lease now. */
  async current(leases: { account: string; value: string }[]): Promise<boolean[]> {
    const accounts = [...new Set(leases.map((l) => l.account))]
    const now = new Map(await Promise.all(accounts.map(async (a) => [a, await this.d.redis.get(leaseKey(this.d.prefix, a))] as const)))
    return leases.map((l) => now.get(l.account) === l.value)
  }

  /** Whether this process serves the account now (false: standby). */
  serving(accountId: string): boolean {
    return Boolean(this.held.get(accountId)?.value)
  }

  /** Renews, or takes a free lease and starts; returns the start's error (a later tick tries no start again). */
  private async tick(accountId: string, h: Held): Promise<Error | null> {
    if (h.busy || this.closed) return null
    h.busy = true
    const log = this.d.log.child({ account: accountId })
    try {
      if (h.value) {
        const kept = await this.d.redis.eval(RENEW, 1, leaseKey(this.d.prefix, accountId), h.value, String(this.ttl)).catch((err: Error) => {
          // Redis away: nobody can take the lease meanwhile; it is checked again at the next renewal.
          const held = storeErrors.pass('lease renewal')
          if (held !== null) log.warn({ err: err.message, heldBack: held }, 'account lease not renewed (Redis unreachable); still serving')
          return 1
        })
        if (kept && this.d.share?.giveBack(this.servingCount())) await this.giveBack(accountId, h)
        if (kept) return null
        log.error({ holder: await this.holderOf(accountId) }, 'account lease lost to another gateway: this one stops serving the account')
        h.value = null
        await h.stop().catch((err) => log.error({ err }, 'stopping the account after losing its lease failed'))
        return null
      }
      if (this.d.share && !this.d.share.mayTake(this.servingCount())) return null // its share is full: standby
      const token = await this.d.redis.incr(tokenKey(this.d.prefix, accountId))
      const value = JSON.stringify({ holder: this.holder, token } satisfies LeaseHolder)
      if ((await this.d.redis.set(leaseKey(this.d.prefix, accountId), value, 'PX', this.ttl, 'NX')) !== 'OK') return null
      h.value = value
      log.info({ token, holder: this.holder }, 'account lease taken: this gateway serves the account')
      return await h.start().then(
        () => null,
        (err: Error) => err,
      )
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'account lease check failed; tried again')
      return null
    } finally {
      h.busy = false
    }
  }

  /** Gives a held account back (another gateway under its share takes it at its next check). */
  private async giveBack(accountId: string, h: Held): Promise<void> {
    const log = this.d.log.child({ account: accountId })
    log.info({ serving: this.servingCount() }, 'account given back: another gateway has fewer accounts')
    const value = h.value
    h.value = null
    await h.stop().catch((err) => log.error({ err }, 'stopping the account given back failed'))
    if (value) await this.d.redis.eval(RELEASE, 1, leaseKey(this.d.prefix, accountId), value)
  }

  private async holderOf(accountId: string): Promise<LeaseHolder | null> {
    return parseHolder(await this.d.redis.get(leaseKey(this.d.prefix, accountId)).catch(() => null))
  }

  /** Stops renewing and gives the leases back (a standby takes over at once instead of after the lapse). */
  async close(): Promise<void> {
    this.closed = true
    await this.d.share?.close()
    for (const [accountId, h] of this.held) {
      if (h.timer) clearInterval(h.timer)
      // Redis away: nothing to wait for (the lease lapses by itself); a stop never hangs on it.
      if (!h.value || this.d.redis.status !== 'ready') continue
      await within(
        RELEASE_LIMIT_MS,
        this.d.redis.eval(RELEASE, 1, leaseKey(this.d.prefix, accountId), h.value).catch(() => undefined),
        undefined,
      )
    }
  }
}

export function parseHolder(value: string | null): LeaseHolder | null {
  if (!value) return null
  try {
    return JSON.parse(value) as LeaseHolder
  } catch {
    return null
  }
}

/** Who holds each account's lease now (`gridbot accounts`); absent: nobody (no gateway serves it). */
export async function leaseHolders(redis: RedisClient, prefix: string, accountIds: string[]): Promise<Map<string, LeaseHolder & { ttlMs: number }>> {
  const out = new Map<string, LeaseHolder & { ttlMs: number }>()
  for (const id of accountIds) {
    const h = parseHolder(await redis.get(leaseKey(prefix, id)))
    if (h) out.set(id, { ...h, ttlMs: await redis.pttl(leaseKey(prefix, id)) })
  }
  return out
}
