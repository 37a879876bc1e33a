// The HTTP surface every `gridbot start` process opens: /healthz, /readyz, /metrics, and the queue board behind the
// admin token. Returns the server, so more routes (the web console) mount on the same port.
import type { Queue } from 'bullmq'
import type { Env } from '../config/env.ts'
import type { Logger } from '../core/logger.ts'
import type { Metrics } from '../core/metrics.ts'
import { healthRoutes } from './health.ts'
import { metricsRoutes } from './metrics-route.ts'
import { QUEUE_BOARD_PATH, queueBoardRoutes } from './queue-board.ts'
import type { ReadinessChecks } from './readiness.ts'
import { createHttpServer, type HttpServer } from './server.ts'

export async function startProcessHttp(o: {
  env: Env
  log: Logger
  metrics: Metrics
  checks: ReadinessChecks
  queues: () => Promise<Queue[]>
}): Promise<{ server: HttpServer; url: string }> {
  const server = createHttpServer({ host: o.env.GRIDBOT_HTTP_HOST, port: o.env.GRIDBOT_HTTP_PORT, log: o.log })
  server.mount('/', healthRoutes(o.checks))
  server.mount('/', metricsRoutes(o.metrics, o.env.GRIDBOT_METRICS_TOKEN))
  if (o.env.GRIDBOT_ADMIN_TOKEN) server.mount(QUEUE_BOARD_PATH, queueBoardRoutes(o.env.GRIDBOT_ADMIN_TOKEN, o.queues))
  else o.log.info('queue board off: set GRIDBOT_ADMIN_TOKEN to open /admin/queues')
  const { url } = await server.listen()
  return { server, url }
}
