// /metrics in the Prometheus text format (prom-client).
import type { Metrics } from '../core/metrics.ts'
import type { Routes } from './server.ts'

export function metricsRoutes(metrics: Metrics): Routes {
  return (r) => {
    r.get('/metrics', async (_req, res) => {
      res.set('Content-Type', metrics.contentType).send(await metrics.text())
    })
  }
}
