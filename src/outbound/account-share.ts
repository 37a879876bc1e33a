// `gridbot start --role gateway --accounts auto`: gateways split the accounts among themselves, with no account list
// per host. Each such gateway says every few seconds that it is alive and how many accounts it serves (one Redis
// hash, `<prefix>:gateways`: a single key, so one slot on a cluster). From the live ones it computes its share —
// ceil(accounts / live gateways), never more than GRIDBOT_GATEWAY_MAX_ACCOUNTS — and takes free leases only while
// under it (account-lease.ts asks mayTake). A gateway that serves two or more accounts above the least loaded live
// one gives one back (once per round), so a gateway started later gets its part; a dead gateway's accounts lapse
// (the lease's TTL), its presence too, and the survivors' share grows to cover them.
import type { Logger } from '../core/logger.ts'
import type { RedisClient } from '../jobs/redis-client.ts'

export const gatewaysKey = (prefix: string) => `${prefix}:gateways`

interface Presence {
  at: number
  serving: number
}

export class AccountShare {
  private timer: NodeJS.Timeout | null = null
  private share = 0
  private othersMin = Number.POSITIVE_INFINITY
  private gaveBack = false

  constructor(
    private readonly d: {
      redis: RedisClient
      prefix: string
      holder: string
      /** The accounts the gateways split (every gateway in auto mode has the same list). */
      accounts: number
      max: number
      log: Logger
      /** How many accounts this gateway serves now. */
      serving: () => number
      everyMs: number
      /** A gateway not heard of this long is dead. */
      deadAfterMs: number
    },
  ) {}

  /** Says this gateway is alive and reads the others; then every `everyMs`. */
  async start(): Promise<void> {
    await this.refresh()
    this.timer = setInterval(
      () => void this.refresh().catch((err: Error) => this.d.log.warn({ err: err.message }, 'gateway presence not refreshed')),
      this.d.everyMs,
    )
  }

  /** A free lease may be taken: this gateway is under its share. */
  mayTake(serving: number): boolean {
    return serving < this.share
  }

  /** One account may be given back this round: this gateway serves at least two more than the least loaded other one. */
  giveBack(serving: number): boolean {
    if (this.gaveBack || serving - this.othersMin < 2) return false
    this.gaveBack = true
    return true
  }

  private async refresh(): Promise<void> {
    const [secs, micros] = (await this.d.redis.time()) as [string | number, string | number]
    const now = Number(secs) * 1000 + Math.floor(Number(micros) / 1000)
    const key = gatewaysKey(this.d.prefix)
    await this.d.redis.hset(key, this.d.holder, JSON.stringify({ at: now, serving: this.d.serving() } satisfies Presence))
    const all = await this.d.redis.hgetall(key)
    let live = 0
    let othersMin = Number.POSITIVE_INFINITY
    for (const [holder, raw] of Object.entries(all)) {
      const p = parsePresence(raw)
      if (!p || now - p.at > this.d.deadAfterMs) {
        await this.d.redis.hdel(key, holder) // long dead: forgotten
        continue
      }
      live++
      if (holder !== this.d.holder) othersMin = Math.min(othersMin, p.serving)
    }
    const share = Math.min(this.d.max, Math.ceil(this.d.accounts / Math.max(1, live)))
    if (share !== this.share) this.d.log.info({ share, live, accounts: this.d.accounts }, 'gateway share of the accounts')
    this.share = share
    this.othersMin = othersMin
    this.gaveBack = false
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (this.d.redis.status === 'ready') await this.d.redis.hdel(gatewaysKey(this.d.prefix), this.d.holder).catch(() => undefined)
  }
}

function parsePresence(raw: string): Presence | null {
  try {
    const p = JSON.parse(raw) as Presence
    return typeof p.at === 'number' && typeof p.serving === 'number' ? p : null
  } catch {
    return null
  }
}
