// The login page (production only): a one-time code from #登录 in the member's own group → a session cookie.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Clock } from '../../core/clock.ts'
import type { Logger } from '../../core/logger.ts'
import type { Db } from '../../db/client.ts'
import { logIn, logOut, SESSION_TTL_MS, sessionMember } from '../../capabilities/console/web-login.service.ts'
import { cookie, cookies, overTls, redirect, sendHtml } from '../http.ts'
import { html, page } from '../html.ts'
import type { Route } from '../router.ts'
import { webTexts } from '../texts.ts'
import { CSRF_FIELD, sameOrigin, sameToken } from './csrf.ts'
import { scopeOf, type Viewer } from './viewer.ts'
import { loginLimits } from './login-throttle.ts'

export const SESSION_COOKIE = 'gridbot_session'
/** Before a session exists, the login form's CSRF token is a double-submit cookie. */
const LOGIN_CSRF_COOKIE = 'gridbot_login_csrf'

/** The viewer behind the request's session cookie, or null. */
export async function sessionViewer(db: Db, req: IncomingMessage, now: Date): Promise<Viewer | null> {
  const token = cookies(req).get(SESSION_COOKIE)
  if (!token) return null
  const s = await sessionMember(db, token, now)
  if (!s) return null
  const { member } = s
  return { member: { id: member.id, name: member.name, role: member.role }, scope: await scopeOf(db, member), csrf: s.csrf, token }
}

const loginPage = (csrf: string, failed: boolean) =>
  page({
    title: webTexts.loginTitle,
    body: html`<main class="login"><h1>${webTexts.loginTitle}</h1><p>${webTexts.loginIntro}</p>
${failed ? html`<p class="error" role="alert">${webTexts.loginFailed}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="${CSRF_FIELD}" value="${csrf}">
<label>${webTexts.code} <input name="code" autocomplete="one-time-code" autocapitalize="characters" required maxlength="12"></label>
<button type="submit">${webTexts.login}</button></form></main>`,
  })

export function loginRoutes(d: { db: Db; clock: Clock; log: Logger }): Route<Viewer | null>[] {
  const limits = loginLimits()
  return [
    {
      method: 'GET',
      path: '/login',
      open: true,
      handler: async ({ req, res, url }) => {
        const csrf = randomBytes(18).toString('base64url')
        sendHtml(res, loginPage(csrf, url.searchParams.has('failed')), 200, {
          'set-cookie': cookie(LOGIN_CSRF_COOKIE, csrf, { maxAgeSec: 900, secure: overTls(req) }),
        })
      },
    },
    {
      method: 'POST',
      path: '/login',
      open: true,
      handler: async ({ req, res, body }) => {
        const form = new URLSearchParams(body)
        if (!sameOrigin(req) || !sameToken(form.get(CSRF_FIELD), cookies(req).get(LOGIN_CSRF_COOKIE))) {
          d.log.warn({ code: 'WEB_CSRF' }, 'login form without a matching CSRF token')
          return sendHtml(res, page({ title: webTexts.loginTitle, body: html`<p class="error" role="alert">${webTexts.csrf}</p>` }), 403)
        }
        const now = d.clock.now().getTime()
        const addr = req.socket.remoteAddress ?? 'unknown'
        if (limits.perAddress.blocked(addr, now) || limits.overall.blocked('all', now)) {
          d.log.warn({ code: 'WEB_LOGIN_THROTTLED', addr }, 'login attempts throttled')
          return sendHtml(res, page({ title: webTexts.loginTitle, body: html`<p class="error" role="alert">${webTexts.loginThrottled}</p>` }), 429)
        }
        const session = await logIn(d.db, form.get('code') ?? '', d.clock.now())
        if (!session) {
          limits.perAddress.failed(addr, now)
          limits.overall.failed('all', now)
          d.log.warn({ code: 'WEB_LOGIN_FAILED' }, 'login with an unknown, used or expired code')
          return redirect(res, '/login?failed=1')
        }
        redirect(res, '/board', { 'set-cookie': cookie(SESSION_COOKIE, session.token, { maxAgeSec: SESSION_TTL_MS / 1000, secure: overTls(req) }) })
      },
    },
    {
      method: 'POST',
      path: '/logout',
      handler: async ({ req, res }, viewer) => {
        if (viewer?.token) await logOut(d.db, viewer.token)
        redirect(res, '/login', { 'set-cookie': cookie(SESSION_COOKIE, '', { maxAgeSec: 0, secure: overTls(req) }) })
      },
    },
  ]
}
