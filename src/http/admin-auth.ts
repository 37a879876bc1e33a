// The admin token (GRIDBOT_ADMIN_TOKEN) in front of admin pages: `Authorization: Bearer <token>` (scripts), or once
// `?token=<token>` in a browser, which opens a session: a random id in an HttpOnly, SameSite=Strict cookie (Secure
// over HTTPS and on loopback), valid for SESSION_MS, never the token itself; the token leaves the address bar at once.
// Wrong tokens are throttled per address. Compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Request, RequestHandler } from 'express'

const COOKIE = 'gridbot_admin_session'
export const SESSION_MS = 8 * 3_600_000
/** Wrong tokens one address may try per window before it is refused for the rest of it. */
const MAX_FAILURES = 10
const FAILURE_WINDOW_MS = 10 * 60_000
const digest = (s: string) => createHash('sha256').update(s).digest()

function cookieOf(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === COOKIE) return decodeURIComponent(v.join('='))
  }
  return undefined
}

const overHttps = (req: Request) => req.secure || req.get('x-forwarded-proto') === 'https' || /^(localhost|127\.0\.0\.1|\[?::1\]?)$/.test(req.hostname)

export function adminAuth(token: string, cookiePath: string, now: () => number = Date.now): RequestHandler {
  const want = digest(token)
  const matches = (given: string | undefined) => given !== undefined && timingSafeEqual(digest(given), want)
  /** Session ids by their hash (a memory dump shows no usable id) → expiry. */
  const sessions = new Map<string, number>()
  const failures = new Map<string, { since: number; count: number }>()
  const valid = (id: string | undefined) => {
    if (!id) return false
    const key = digest(id).toString('hex')
    const until = sessions.get(key)
    if (until === undefined) return false
    if (until > now()) return true
    sessions.delete(key)
    return false
  }
  const blocked = (addr: string) => {
    const f = failures.get(addr)
    if (!f || now() - f.since > FAILURE_WINDOW_MS) return false
    return f.count >= MAX_FAILURES
  }
  const failed = (addr: string) => {
    const f = failures.get(addr)
    if (!f || now() - f.since > FAILURE_WINDOW_MS) failures.set(addr, { since: now(), count: 1 })
    else f.count++
  }
  return (req, res, next) => {
    const addr = req.ip ?? 'unknown'
    if (blocked(addr)) return void res.status(429).json({ error: 'too_many_attempts', hint: 'wait 10 minutes' })
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1]
    if (matches(bearer) || valid(cookieOf(req.get('cookie')))) return next()
    const query = typeof req.query.token === 'string' ? req.query.token : undefined
    if (matches(query)) {
      const id = randomBytes(32).toString('base64url')
      sessions.set(digest(id).toString('hex'), now() + SESSION_MS)
      res.cookie(COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: overHttps(req), path: cookiePath, maxAge: SESSION_MS })
      return res.redirect(302, req.baseUrl + req.path)
    }
    if (bearer !== undefined || query !== undefined) failed(addr)
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized', hint: 'GRIDBOT_ADMIN_TOKEN as a Bearer token or ?token=' })
  }
}
