// /metrics in the Prometheus text format (prom-client); behind a bearer token when GRIDBOT_METRICS_TOKEN is set.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Metrics } from '../core/metrics.ts'
import type { Routes } from './server.ts'

const digest = (s: string) => createHash('sha256').update(s).digest()

export function metricsRoutes(metrics: Metrics, token?: string): Routes {
  return (r) => {
    r.get('/metrics', async (req, res) => {
      if (token) {
        const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? ''
        if (!timingSafeEqual(digest(given), digest(token))) return void res.status(401).set('WWW-Authenticate', 'Bearer').send('unauthorized\n')
      }
      res.set('Content-Type', metrics.contentType).send(await metrics.text())
    })
  }
}
