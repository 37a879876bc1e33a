// A webhook delivery's signature: `X-Gridbot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with
// the subscription's secret. Receivers recompute it, compare in constant time, and refuse old timestamps (replays).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { group } from '../../core/match-group.ts'

export const SIGNATURE_HEADER = 'x-gridbot-signature'
export const DELIVERY_HEADER = 'x-gridbot-delivery'
export const EVENT_HEADER = 'x-gridbot-event'

export const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`

export function sign(secret: string, body: string, atMs: number): string {
  const t = Math.floor(atMs / 1000)
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`
}

/** What a receiver does (and the tests): true when `header` signs `body` with `secret` within `toleranceS` of now. */
export function verify(secret: string, body: string, header: string, nowMs: number, toleranceS = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)
  if (!m) return false
  if (Math.abs(nowMs / 1000 - Number(m[1])) > toleranceS) return false
  const want = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest()
  return timingSafeEqual(want, Buffer.from(group(m, 2), 'hex'))
}

/** Seconds before attempt `n` (1-based) is retried: 30 s, 1, 2, 4 … minutes, at most an hour. */
export const backoffMs = (n: number) => Math.min(3_600_000, 30_000 * 2 ** (n - 1))
export const MAX_ATTEMPTS = 10
