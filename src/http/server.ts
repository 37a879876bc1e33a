// The process's one HTTP server (GRIDBOT_HTTP_HOST:GRIDBOT_HTTP_PORT). It knows nothing of health, metrics or queues:
// each surface is a `Routes` module mounted on it (health.ts, metrics-route.ts, queue-board.ts; the web console
// later), so adding pages is one `mount` call, not an edit here.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express, { type ErrorRequestHandler, type Router } from 'express'
import type { Logger } from '../core/logger.ts'
import { httpTexts } from './http.texts.ts'

/** A set of routes: given a router (mounted at its prefix), it registers its handlers. */
export type Routes = (router: Router) => void

export interface HttpServer {
  /** Mounts `routes` under `prefix` ('/' for top-level paths). Call before or after listen. */
  mount(prefix: string, routes: Routes): void
  listen(): Promise<{ host: string; port: number; url: string }>
  close(): Promise<void>
}

export function createHttpServer(opts: { host: string; port: number; log: Logger }): HttpServer {
  const app = express()
  app.disable('x-powered-by')
  app.use(securityHeaders)
  const mounted = express.Router()
  app.use(mounted)
  app.use((_req, res) => void res.status(404).json({ error: 'not_found' }))
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    opts.log.error({ err, path: req.path }, 'http handler failed')
    if (!res.headersSent) res.status(500).json({ error: 'internal_error' })
  }
  app.use(onError)
  let server: Server | null = null
  return {
    mount(prefix, routes) {
      const router = express.Router()
      routes(router)
      mounted.use(prefix, router)
    },
    listen: () =>
      new Promise((resolve, reject) => {
        const s = app.listen(opts.port, opts.host)
        s.once('error', (err) => reject(new Error(httpTexts.portUnavailable(opts.host, opts.port, err.message))))
        s.once('listening', () => {
          server = s
          const port = (s.address() as AddressInfo).port
          opts.log.info({ host: opts.host, port }, 'http listening')
          resolve({ host: opts.host, port, url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}` })
        })
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server) return resolve()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** On every answer of every surface (health, metrics, queue board, console): no sniffing, no framing, no referrer;
 *  HSTS when the request came over HTTPS (directly or through the TLS proxy). */
const securityHeaders: express.RequestHandler = (req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  })
  if (req.secure || req.get('x-forwarded-proto') === 'https') res.set('Strict-Transport-Security', 'max-age=31536000')
  next()
}
