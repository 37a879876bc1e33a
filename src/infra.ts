// Opens the stores: PostgreSQL or embedded PGlite, and Redis or a private redis-server. Used by every role.
// Bounded: an unreachable store ends the start within GRIDBOT_CONNECT_TIMEOUT_MS with a clear error, and whatever
// this function started (a private redis-server) is stopped again before the error leaves it.
import path from 'node:path'
import type { Env } from './config/env.ts'
import type { Logger } from './core/logger.ts'
import { openDatabase, type Database } from './db/client.ts'
import { waitForPostgres } from './db/wait.ts'
import { waitForRedis } from './jobs/redis-wait.ts'
import { startRedisServer, type RedisServer } from './runtime/redis-server.ts'

export interface Infra {
  db: Database
  redisUrl: string
  embedded: { database: boolean; redis: boolean }
  close(): Promise<void>
}

export async function openInfra(env: Env, log: Logger, opts: { throwaway?: string } = {}): Promise<Infra> {
  const dataDir = path.resolve(opts.throwaway ?? env.GRIDBOT_DATA_DIR)
  let redis: RedisServer | null = null
  let db: Database | null = null
  try {
    let redisUrl = env.REDIS_URL
    if (!redisUrl) {
      redis = await startRedisServer({ dir: path.join(dataDir, 'redis'), say: (l) => log.info(l), reuse: !opts.throwaway })
      redisUrl = redis.url
      log.info({ redis: redisUrl }, 'embedded redis-server running')
    } else await waitForRedis(redisUrl, env.GRIDBOT_CONNECT_TIMEOUT_MS)
    if (env.DATABASE_URL) await waitForPostgres(env.DATABASE_URL, env.GRIDBOT_CONNECT_TIMEOUT_MS)
    const opened = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.join(dataDir, 'pglite') })
    db = opened
    if (env.GRIDBOT_AUTO_MIGRATE || opened.kind === 'pglite') {
      const applied = await opened.migrate()
      if (applied.length) log.info({ applied }, 'migrations applied')
    }
    const server = redis
    return {
      db: opened,
      redisUrl,
      embedded: { database: opened.kind === 'pglite', redis: server !== null },
      close: async () => {
        await opened.close()
        await server?.stop()
      },
    }
  } catch (e) {
    // Never leave a private redis-server (or an open database) behind a failed start.
    await db?.close().catch((err: unknown) => log.warn({ err }, 'closing the database after a failed start failed'))
    await redis?.stop()
    throw e
  }
}
