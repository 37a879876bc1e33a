// The open API on an HTTP server (issue #28): Open311 under /open311/v2 and the read API under /api/v1, each behind
// the key check, rate limit and audit (api-auth.ts), with bodies read as JSON or form-encoded; the OpenAPI document
// at /api/openapi.json, open. Used by `gridbot start` (mounted on the process's server) and `gridbot sim --web`.
import type { IncomingMessage, ServerResponse } from 'node:http'
import express, { type ErrorRequestHandler, type Router } from 'express'
import { apiAuth, apiError, type ApiDeps } from './api-auth.ts'
import { OPENAPI_DOCUMENT } from './openapi-document.ts'
import { READ_PREFIX, readRoutes } from './read-routes.ts'
import { OPEN311_PREFIX, open311Routes, type WorkDeps } from './open311-routes.ts'

export interface ApiRoutesDeps {
  work: WorkDeps
  /** Where media references are served from (GRIDBOT_MEDIA_BASE_URL), for media_url. */
  mediaBaseUrl: string | null
  rate?: ApiDeps['rate']
  /** The per-key limit shared by every process (Redis); absent: per process, with `rate`. */
  limiter?: ApiDeps['limiter']
}

const BODY_LIMIT = '64kb'
export const OPENAPI_PATH = '/api/openapi.json'

/** Malformed JSON, a body too large, a failure: answered in the spec's error format, never as a page. */
const apiErrors =
  (log: WorkDeps['log']): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500
    if (status === 500) log.error({ err, path: req.path, code: 'API_FAILED' }, 'api request failed')
    if (res.headersSent) return void res.end()
    apiError(res, status, status === 500 ? 'internal error' : `bad request: ${err.type ?? err.message}`)
  }

function guarded(deps: ApiRoutesDeps, routes: (r: Router) => void): Router {
  const r = express.Router()
  const w = deps.work
  r.use(express.json({ limit: BODY_LIMIT }), express.urlencoded({ extended: true, limit: BODY_LIMIT }))
  r.use(apiAuth({ db: w.prisma, log: w.log, now: () => w.clock.now(), rate: deps.rate, limiter: deps.limiter }))
  routes(r)
  r.use((_req, res) => apiError(res, 404, 'no such route'))
  r.use(apiErrors(w.log))
  return r
}

export function apiRoutes(deps: ApiRoutesDeps) {
  return (router: Router) => {
    router.get(OPENAPI_PATH, (_req, res) => void res.json(OPENAPI_DOCUMENT))
    router.use(OPEN311_PREFIX, guarded(deps, open311Routes({ ...deps.work, mediaBaseUrl: deps.mediaBaseUrl })))
    router.use(READ_PREFIX, guarded(deps, readRoutes(deps.work)))
  }
}

/** The API as a handler of its own (the simulator's plain server puts it in front of the console). */
export function apiApp(deps: ApiRoutesDeps): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const app = express()
  app.disable('x-powered-by')
  const router = express.Router()
  apiRoutes(deps)(router)
  app.use(router)
  // Express takes node's request and response and decorates them itself.
  return (req, res, next) => app(req as express.Request, res as express.Response, next)
}
