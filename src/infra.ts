// Opens the stores: PostgreSQL or embedded PGlite, and Redis (one server, or a Redis Cluster: REDIS_CLUSTER_NODES)
// or a private redis-server. Used by every role.
// Bounded: an unreachable store ends the start within GRIDBOT_CONNECT_TIMEOUT_MS with a clear error, and whatever
// this function started (a private redis-server) is stopped again before the error leaves it.
import path from 'node:path'
import { redisLocation, type Env } from './config/env.ts'
import { clusterAuthOptions, clusterNodes, isClusterUrl } from './config/redis-url.ts'
import { checkClusterNodes } from './jobs/cluster-check.ts'
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
  // What this call started, for closing after a failed start (set inside the two starters below).
  const held: { redis: RedisServer | null; db: Database | null } = { redis: null, db: null }
  try {
    // The two stores start side by side: a private redis-server and a new PGlite folder (initdb, migrations) each
    // take seconds on the first start, and neither needs the other.
    const startRedis = async (): Promise<string> => {
      const cluster = redisLocation(env)
      if (cluster && isClusterUrl(cluster)) {
        await checkClusterNodes(clusterNodes(cluster), env.GRIDBOT_CONNECT_TIMEOUT_MS, clusterAuthOptions(cluster))
        return cluster
      }
      if (env.REDIS_URL) {
        await waitForRedis(env.REDIS_URL, env.GRIDBOT_CONNECT_TIMEOUT_MS)
        return env.REDIS_URL
      }
      const redis = await startRedisServer({ dir: path.join(dataDir, 'redis'), say: (l) => log.info(l), reuse: !opts.throwaway })
      held.redis = redis
      log.info({ redis: redis.url }, 'embedded redis-server running')
      return redis.url
    }
    const openDb = async (): Promise<Database> => {
      if (env.DATABASE_URL) await waitForPostgres(env.DATABASE_URL, env.GRIDBOT_CONNECT_TIMEOUT_MS)
      const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL, readUrl: env.DATABASE_READ_URL } : { pgliteDir: path.join(dataDir, 'pglite') })
      held.db = db
      if (env.GRIDBOT_AUTO_MIGRATE || db.kind === 'pglite') {
        const applied = await db.migrate()
        if (applied.length) log.info({ applied }, 'migrations applied')
      }
      return db
    }
    const started = await Promise.allSettled([startRedis(), openDb()])
    for (const r of started) if (r.status === 'rejected') throw r.reason
    const redisUrl = (started[0] as PromiseFulfilledResult<string>).value
    const opened = (started[1] as PromiseFulfilledResult<Database>).value
    const server = held.redis
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
    await held.db?.close().catch((err: unknown) => log.warn({ err }, 'closing the database after a failed start failed'))
    await held.redis?.stop()
    throw e
  }
}
