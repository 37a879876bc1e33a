// CSRF: every state-changing request carries the session's token (a header from our scripts, a form field from our
// forms), and a browser's Origin, when sent, must be this host. A cross-site page can do neither.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const CSRF_HEADER = 'x-csrf-token'
export const CSRF_FIELD = '_csrf'

export function sameToken(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The Origin header, when present, names this very host. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return true
  try {
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}

/** The token a request carries: header first, else the form field already read. */
export const carriedToken = (req: IncomingMessage, form?: URLSearchParams | null) =>
  (req.headers[CSRF_HEADER] as string | undefined) ?? form?.get(CSRF_FIELD) ?? null
