// Production wiring of `gridbot start`: the process's HTTP surface first (health, readiness, metrics), then the stores,
// the media store proven writable, the bot for its role (app/bot.ts), and the open API and web console on the same
// port. The CLI only checks the options and hands over (src/cli.ts).
import type { Env } from '../config/env.ts'
import type { Logger } from '../core/logger.ts'
import type { Metrics } from '../core/metrics.ts'
import type { Infra } from '../infra.ts'
import type { QueueEnv } from '../jobs/queues.ts'
import type { App } from '../main.ts'
import type { GuardedMediaStore } from '../storage/media-guard.ts'
import { appTexts } from './app.texts.ts'
import type { StartOptions } from './bot.ts'

type ProcessHttp = Awaited<ReturnType<typeof import('../http/process-server.ts').startProcessHttp>>

/** What a running production process holds; each part null until it is up. */
interface Running {
  infra: Infra | null
  app: App | null
  http: ProcessHttp | null
  media: GuardedMediaStore | null
}

/** Starts the process for its role. `onStop` is handed the stop at once: a stop asked for while the process starts
 *  still drains what has started. */
export async function startProduction(opts: StartOptions, env: Env, log: Logger, onStop: (stop: () => Promise<void>) => void): Promise<void> {
  const run: Running = { infra: null, app: null, http: null, media: null }
  onStop(async () => {
    await run.app?.stop()
    await run.http?.server.close()
    await run.infra?.close()
  })
  const { Metrics } = await import('../core/metrics.ts')
  const metrics = new Metrics({ processMetrics: true })
  const http = await startHttp(run, env, log, metrics)
  run.http = http
  try {
    const { openInfra } = await import('../infra.ts')
    const infra = await openInfra(env, log)
    run.infra = infra
    run.media = await checkedMediaStore(env)
    const { startBot } = await import('./bot.ts')
    const app = await startBot(opts, env, log, infra, metrics, run.media)
    run.app = app
    // The open API (keys, Open311, the read API) and the web console (login required) on the same port as health.
    const { apiRoutes } = await import('../http/api/api-routes.ts')
    const limiter = await apiKeyLimiter(app.queueEnv, env)
    http.server.mount('/', apiRoutes({ work: app.deps, mediaBaseUrl: env.GRIDBOT_MEDIA_BASE_URL ?? null, limiter }))
    const { consoleRoutes } = await import('../web/production-server.ts')
    http.server.mount('/', consoleRoutes({ db: infra.db.prisma, transports: app.transports, log }))
  } catch (e) {
    await http.server.close()
    await run.infra?.close() // never leave a private redis-server behind a failed start
    throw e
  }
  log.info({ role: opts.role, http: http.url }, 'ready to serve')
}

/** The HTTP surface comes first: /healthz answers and /readyz says 503 while the stores and accounts come up. */
async function startHttp(run: Running, env: Env, log: Logger, metrics: Metrics): Promise<ProcessHttp> {
  const { startProcessHttp } = await import('../http/process-server.ts')
  return startProcessHttp({
    env,
    log,
    metrics,
    checks: {
      database: () => (run.infra ? run.infra.db.ping() : Promise.reject(new Error('starting'))),
      redis: async () => {
        if (!run.app) throw new Error('starting')
        await run.app.queueEnv.connection.ping()
      },
      accounts: () => (run.app ? run.app.transports.map((t) => t.status()) : null),
      media: () => (run.media ? run.media.healthy() : Promise.reject(new Error('starting'))),
    },
    queues: () => (run.app ? run.app.queues() : Promise.resolve([])),
  })
}

/** The open API's per-key limit, shared by every process through Redis (GRIDBOT_API_RATE_BURST, _PER_SEC). */
export async function apiKeyLimiter(q: QueueEnv, env: Env) {
  const { RedisApiKeyLimiter } = await import('../jobs/api-key-limiter.ts')
  return new RedisApiKeyLimiter(q.connection, env.GRIDBOT_QUEUE_PREFIX, { capacity: env.GRIDBOT_API_RATE_BURST, perSecond: env.GRIDBOT_API_RATE_PER_SEC })
}

/** The media store, proven writable (a file written and removed) before anything is received into it. */
async function checkedMediaStore(env: Env): Promise<GuardedMediaStore> {
  const { mediaStoreFor } = await import('../storage/media-store.ts')
  const { GuardedMediaStore } = await import('../storage/media-guard.ts')
  const media = new GuardedMediaStore(mediaStoreFor(env))
  await media.check().catch((e: Error) => {
    throw new Error(appTexts.mediaNotWritable(media.where, e.message))
  })
  return media
}
