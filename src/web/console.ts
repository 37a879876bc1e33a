// The web console, framework-agnostic: `handle(req, res)` answers the console's routes on any node:http server and
// returns false for anything else (so it can be mounted beside health checks or a queue dashboard).
// Simulator mode (no login, 127.0.0.1 only): the chat simulator at /, the board, the org view.
// Login mode (production): every page but /login needs a session; each viewer sees only their subtree.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isAppError } from '../core/errors.ts'
import { orgRepo } from '../kernel/org/org.repo.ts'
import type { ConsoleContext, ConsoleDeps } from './context.ts'
import { carriedToken, sameOrigin, sameToken } from './auth/csrf.ts'
import { loginRoutes, sessionViewer } from './auth/login-routes.ts'
import { HttpError, type Viewer } from './auth/viewer.ts'
import { boardRoutes } from './board/board-routes.ts'
import { EventHub } from './events.ts'
import { redirect, readBody, send, sendHtml, sendJson } from './http.ts'
import { html, page } from './html.ts'
import { orgRoutes } from './org/org-routes.ts'
import { Router } from './router.ts'
import { simRoutes } from './sim/sim-routes.ts'
import { serveAsset } from './static.ts'
import { webTexts } from './texts.ts'

export interface WebConsole {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>
  close(): void
}

/** 127.0.0.1, localhost or [::1], with any port. */
export function loopbackHost(host: string | undefined): boolean {
  if (!host) return false
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]'
}

/** A refusal or a failure: a small page for a browser, JSON for the page's scripts. */
function fail(res: ServerResponse, req: IncomingMessage, status: number, text: string) {
  if (res.headersSent) return void res.end()
  if ((req.headers.accept ?? '').includes('text/html'))
    sendHtml(
      res,
      page({ title: webTexts.product, body: html`<main><p class="error" role="alert">${text}</p><p><a href="/">${webTexts.product}</a></p></main>` }),
      status,
    )
  else sendJson(res, { error: text }, status)
}

function viewerResolver(deps: ConsoleDeps, simMode: boolean): (req: IncomingMessage) => Promise<Viewer | null> {
  // The simulator has no login: one token per process, put in its pages, still guards every change (a page on
  // another site cannot read it, so it cannot post to 127.0.0.1 on the user's behalf).
  let simViewer: Viewer | null = null
  const viewerOf = async (req: IncomingMessage): Promise<Viewer | null> => {
    if (!simMode) return sessionViewer(deps.db, req, deps.clock.now())
    if (!simViewer) {
      // The simulated district (a database kept from earlier runs may hold other districts too).
      const name = deps.mode.kind === 'sim' ? deps.mode.session.world.spec.district : ''
      const district = await orgRepo.findDistrict(deps.db, name)
      if (!district) throw new Error(`district ${name} is not in the database`)
      simViewer = { member: null, scope: district, csrf: randomBytes(18).toString('base64url'), token: null }
    }
    return simViewer
  }
  return viewerOf
}

/** What a request that threw is answered with: the user's text for known errors, a generic one (and an error log) else. */
function failed(log: ConsoleDeps['log'], e: unknown, pathname: string, res: ServerResponse, req: IncomingMessage) {
  if (e instanceof HttpError) {
    log.warn({ code: e.code, path: pathname }, e.message)
    fail(res, req, e.status, e.userMessage)
  } else if (isAppError(e)) {
    log.warn({ code: e.code, path: pathname }, e.message)
    fail(res, req, 400, e.userMessage)
  } else {
    log.error({ err: e, code: 'WEB_INTERNAL', path: pathname }, 'console request failed')
    fail(res, req, 500, webTexts.serverError)
  }
}

export function createConsole(deps: ConsoleDeps): WebConsole {
  const hub = new EventHub()
  const simMode = deps.mode.kind === 'sim'
  const router = consoleRouter({ ...deps, hub, simMode })

  // Production: changes come from other processes too, so pages are told to refresh every few seconds.
  const refresh = deps.mode.kind === 'login' ? setInterval(() => hub.emit('changed', {}), deps.mode.refreshEveryMs ?? 5_000) : null
  refresh?.unref()

  const viewerOf = viewerResolver(deps, simMode)

  return {
    handle: (req, res) => handleRequest({ deps, simMode, router, viewerOf }, req, res),
    close() {
      if (refresh) clearInterval(refresh)
      hub.close()
    },
  }
}

/** Every route of the console: the simulator's or the login's, the board, the org, the live events. */
function consoleRouter(ctx: ConsoleContext): Router<Viewer | null> {
  const router = new Router<Viewer | null>()
  const routes = [
    ...(ctx.mode.kind === 'sim' ? simRoutes(ctx, ctx.mode.session) : loginRoutes({ db: ctx.db, clock: ctx.clock, log: ctx.log })),
    ...boardRoutes(ctx),
    ...orgRoutes(ctx),
  ]
  for (const r of routes) router.add(r)
  router.add({ method: 'GET', path: '/events', handler: async ({ req, res }) => ctx.hub.subscribe(req, res) })
  if (!ctx.simMode) router.add({ method: 'GET', path: '/', handler: async ({ res }) => redirect(res, '/board') })
  return router
}

type ConsoleParts = { deps: ConsoleDeps; simMode: boolean; router: Router<Viewer | null>; viewerOf: (req: IncomingMessage) => Promise<Viewer | null> }

/** The console's one request path, read top to bottom: host check, route, body, viewer, CSRF, errors (the pieces that
 *  need no request state are the functions above). False: not the console's path. */
async function handleRequest({ deps, simMode, router, viewerOf }: ConsoleParts, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://console.invalid')
  // The simulator answers only to loopback names: a page elsewhere that re-points its own name at 127.0.0.1
  // (DNS rebinding) gets nothing.
  if (simMode && !loopbackHost(req.headers.host)) {
    deps.log.warn({ code: 'WEB_HOST', host: req.headers.host }, 'simulator asked under a non-loopback host name')
    send(res, 421, 'text/plain; charset=utf-8', 'misdirected request')
    return true
  }
  if (url.pathname.startsWith('/assets/')) return serveAsset(url.pathname.slice(8), res)
  const route = router.find(req.method ?? 'GET', url.pathname)
  if (!route) {
    if (!router.knows(url.pathname)) return false
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed')
    return true
  }
  try {
    const body = route.method === 'POST' ? await readBody(req, route.bodyLimit) : ''
    if (route.open) {
      await route.handler({ req, res, url, body }, null)
      return true
    }
    const viewer = await viewerOf(req)
    if (!viewer) {
      if (route.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) redirect(res, '/login')
      else fail(res, req, 401, webTexts.needLogin)
      return true
    }
    if (route.method === 'POST') {
      const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body) : null
      if (!sameOrigin(req) || !sameToken(carriedToken(req, form), viewer.csrf)) {
        deps.log.warn({ code: 'WEB_CSRF', path: url.pathname }, 'state-changing request without the CSRF token')
        fail(res, req, 403, webTexts.csrf)
        return true
      }
    }
    await route.handler({ req, res, url, body }, viewer)
  } catch (e) {
    failed(deps.log, e, url.pathname, res, req)
  }
  return true
}
export type { ConsoleDeps } from './context.ts'
