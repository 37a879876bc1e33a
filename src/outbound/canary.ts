// The canary (issue #25): an account that looks online but is deaf — the service answers its pings, messages do not
// arrive (wechaty#2442) — is found by making each account prove it can both send and receive. Every `everyMs` and
// after each (re)login, the account posts a short nonce in its canary group (GRIDBOT_CANARY_ROOM, else the admins'
// group when it is in it); it must then receive a canary nonce within `waitMs`: its own, echoed back by the service
// (a self-message: puppet services deliver the bot's own posts on the event stream), or one posted there by another
// logged-in account of this gateway (asked for when the echo is late). A miss is tried again after `waitMs`; two misses
// in a row make the account `deaf` (recorded, the admins told through another account) and restart its link.
// Canary messages go out directly (never through the outbox) and are caught by the transport before the pipeline.
import { randomBytes } from 'node:crypto'
import type { Logger } from '../core/logger.ts'
import { canaryText } from '../transport/canary-text.ts'
import type { ChatTransport } from '../transport/transport.ts'
import { sendWithin } from './send-bound.ts'

export interface CanarySettings {
  /** Between two proofs of an account (0: no canary). */
  everyMs: number
  /** How long a nonce may take to come back before it is a miss. */
  waitMs: number
}

export const DEFAULT_CANARY: CanarySettings = { everyMs: 10 * 60_000, waitMs: 30_000 }
/** Misses in a row that make an account deaf. */
const DEAF_AFTER = 2

export interface CanaryDeps {
  log: Logger
  /** The group an account's canary posts in (a wx room id), null: it has none (told once in the log). */
  roomOf(accountId: string): Promise<string | null>
  /** An account's canary passed (a deaf account hears again: the admins are told). */
  passed(accountId: string): void
  /** A nonce not received back in time (gridbot_canary_misses_total). */
  missed?(accountId: string): void
}

interface Watched {
  transport: ChatTransport
  misses: number
  timer: NodeJS.Timeout | null
  /** Nonces whose arrival at this account proves it hears, and what to call when one does. */
  expecting: Set<string>
  heard: (() => void) | null
  running: boolean
  roomless: boolean
}

export class Canary {
  private readonly accounts = new Map<string, Watched>()
  private closed = false

  constructor(
    private readonly d: CanaryDeps,
    private readonly s: CanarySettings,
  ) {}

  watch(transport: ChatTransport): void {
    const link = transport.health
    if (!link || this.s.everyMs <= 0) return
    const w: Watched = { transport, misses: 0, timer: null, expecting: new Set(), heard: null, running: false, roomless: false }
    this.accounts.set(transport.accountId, w)
    link.onNonce((nonce) => {
      if (w.expecting.has(nonce)) w.heard?.()
    })
    let wasIn = false
    transport.onStatus((s) => {
      const isIn = s.state === 'logged_in'
      // After each (re)login: a proof soon (the link may have come back deaf).
      if (isIn && !wasIn) this.schedule(w, Math.min(this.s.waitMs, this.s.everyMs))
      wasIn = isIn
    })
    this.schedule(w, this.s.everyMs)
  }

  /** This account's canary is no longer this gateway's (another serves it, or it stops). */
  unwatch(accountId: string): void {
    const w = this.accounts.get(accountId)
    if (w?.timer) clearTimeout(w.timer)
    this.accounts.delete(accountId)
  }

  close(): void {
    this.closed = true
    for (const id of [...this.accounts.keys()]) this.unwatch(id)
  }

  private schedule(w: Watched, ms: number): void {
    if (this.closed || this.accounts.get(w.transport.accountId) !== w) return
    if (w.timer) clearTimeout(w.timer)
    w.timer = setTimeout(() => {
      w.timer = null
      void this.probe(w)
        .catch((err) => this.d.log.warn({ err, account: w.transport.accountId }, 'canary probe failed'))
        .finally(() => this.schedule(w, w.misses > 0 ? this.s.waitMs : this.s.everyMs))
    }, ms)
    w.timer.unref()
  }

  /** One proof: the nonce posted, then heard back (or a partner's) within waitMs. */
  private async probe(w: Watched): Promise<void> {
    const t = w.transport
    if (w.running || t.status().state !== 'logged_in') return
    const room = await this.d.roomOf(t.accountId)
    if (!room) {
      if (!w.roomless)
        this.d.log.warn({ account: t.accountId }, 'no canary group for this account (GRIDBOT_CANARY_ROOM, or the admins’ group): its canary does not run')
      w.roomless = true
      return
    }
    w.running = true
    try {
      const ok = await this.roundTrip(w, room)
      this.d.log.debug({ account: t.accountId, ok }, 'canary')
      if (ok) {
        if (w.misses >= DEAF_AFTER) this.d.passed(t.accountId)
        w.misses = 0
        return
      }
      w.misses++
      this.d.missed?.(t.accountId)
      this.d.log.warn({ account: t.accountId, misses: w.misses }, 'canary nonce not received')
      if (w.misses === DEAF_AFTER) t.health?.trouble('deaf', `canary missed ${DEAF_AFTER} times`)
      // Still deaf after its link restarted: restarted again (the admins were told once), counted on.
      else if (w.misses > DEAF_AFTER && w.misses % DEAF_AFTER === 0) t.health?.trouble('deaf', `canary missed ${w.misses} times`)
    } finally {
      w.running = false
      w.expecting.clear()
      w.heard = null
    }
  }

  private async roundTrip(w: Watched, room: string): Promise<boolean> {
    const t = w.transport
    const own = randomBytes(6).toString('hex')
    w.expecting.add(own)
    const heard = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.s.waitMs)
      w.heard = () => {
        clearTimeout(timer)
        resolve(true)
      }
    })
    // Bounded: a nonce whose send never returns is a miss like any other (two: the link is restarted), and the next
    // proof is not held up by it.
    try {
      await sendWithin(this.s.waitMs, t.say(room, canaryText(own), []))
    } catch (err) {
      this.d.log.warn({ err: (err as Error).message, account: t.accountId }, 'canary nonce could not be sent')
    }
    // A provider without self-messages: another account of the group posts a nonce this one must hear.
    const partnerAfter = setTimeout(() => void this.partnerSays(w, room), this.s.waitMs / 2)
    try {
      return await heard
    } finally {
      clearTimeout(partnerAfter)
    }
  }

  private async partnerSays(w: Watched, room: string): Promise<void> {
    const partner = [...this.accounts.values()].find((o) => o !== w && o.transport.status().state === 'logged_in')
    if (!partner) return
    const nonce = randomBytes(6).toString('hex')
    w.expecting.add(nonce)
    await partner.transport.say(room, canaryText(nonce), []).catch(() => undefined)
  }
}
