// Opens the stores: PostgreSQL or embedded PGlite, and Redis or a private redis-server. Used by every role.
import path from 'node:path'
import type { Env } from './config/env.ts'
import type { Logger } from './core/logger.ts'
import { openDatabase, type Database } from './db/client.ts'
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
  let redisUrl = env.REDIS_URL
  if (!redisUrl) {
    redis = await startRedisServer({ dir: path.join(dataDir, 'redis'), say: (l) => log.info(l), reuse: !opts.throwaway })
    redisUrl = redis.url
    log.info({ redis: redisUrl }, 'embedded redis-server running')
  }
  const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.join(dataDir, 'pglite') })
  if (env.GRIDBOT_AUTO_MIGRATE || db.kind === 'pglite') {
    const applied = await db.migrate()
    if (applied.length) log.info({ applied }, 'migrations applied')
  }
  return {
    db,
    redisUrl,
    embedded: { database: db.kind === 'pglite', redis: redis !== null },
    close: async () => {
      await db.close()
      await redis?.stop()
    },
  }
}
