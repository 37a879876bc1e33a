// /healthz: the process is up and serving HTTP. /readyz: 200 while the database, Redis and every account this process
// serves are up and logged in, 503 otherwise; the body names each account and its state.
import type { Routes } from './server.ts'
import { readiness, type ReadinessChecks } from './readiness.ts'

export function healthRoutes(checks: ReadinessChecks): Routes {
  return (r) => {
    r.get('/healthz', (_req, res) => void res.json({ ok: true }))
    r.get('/readyz', async (_req, res) => {
      const report = await readiness(checks)
      res.status(report.ready ? 200 : 503).json(report)
    })
  }
}
