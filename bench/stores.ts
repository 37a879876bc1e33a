// Benchmarks run on the real thing with production durability: a PostgreSQL server of their own with fsync and
// synchronous_commit on, and a redis-server with AOF (appendfsync everysec), on loopback.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startPostgresServer } from '../src/runtime/postgres-server.ts'
import { startRedisServer } from '../src/runtime/redis-server.ts'
import { openDatabase, type Database } from '../src/db/client.ts'
import type { Infra } from '../src/infra.ts'

/** `durable` (the default): fsync and synchronous_commit on, as production runs; false only to show what they cost. */
export async function benchStores(poolSize = 20, durable = true): Promise<{ infra: Infra; db: Database; dbUrl: string; stop(): Promise<void> }> {
  const pg = await startPostgresServer((l) => console.log(l), { durable })
  // Both stores are on this machine: Redis is reached through its Unix socket, and so is PostgreSQL unless
  // BENCH_PG_TCP=1 (loopback TCP cost about 0.45 ms of gridbot's CPU per statement here: BENCHMARKS.md).
  const url = process.env.BENCH_PG_TCP === '1' ? pg.url : pg.socketUrl
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-bench-redis-'))
  const redis = await startRedisServer({ dir })
  const db = await openDatabase({ url, poolSize })
  await db.migrate()
  const infra: Infra = { db, redisUrl: redis.url, embedded: { database: false, redis: false }, close: async () => undefined }
  return {
    infra,
    db,
    dbUrl: url,
    stop: async () => {
      await db.close()
      await redis.stop()
      await pg.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${os.type()} ${os.release()}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`
}
