// The admin token (GRIDBOT_ADMIN_TOKEN) in front of admin pages: `Authorization: Bearer <token>`, or once
// `?token=<token>` in a browser, which sets an HttpOnly cookie for the pages' own requests and drops the token from
// the address bar. Compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'

const COOKIE = 'gridbot_admin'
const digest = (s: string) => createHash('sha256').update(s).digest()

function cookieOf(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === COOKIE) return decodeURIComponent(v.join('='))
  }
  return undefined
}

export function adminAuth(token: string, cookiePath: string): RequestHandler {
  const want = digest(token)
  const matches = (given: string | undefined) => given !== undefined && timingSafeEqual(digest(given), want)
  return (req, res, next) => {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1]
    if (matches(bearer) || matches(cookieOf(req.get('cookie')))) return next()
    const query = typeof req.query.token === 'string' ? req.query.token : undefined
    if (matches(query)) {
      res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: cookiePath })
      return res.redirect(302, req.baseUrl + req.path)
    }
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized', hint: 'GRIDBOT_ADMIN_TOKEN as a Bearer token or ?token=' })
  }
}
