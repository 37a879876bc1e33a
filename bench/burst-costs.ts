// BENCH_COSTS=1: what a burst costs per message in each store — Redis commands (INFO commandstats), PostgreSQL
// statements sent by this process, commits and WAL flushes (pg_stat_database, pg_stat_wal), and CPU seconds of
// this process, redis-server and the PostgreSQL server processes. For finding where the time goes, not a figure
// BENCHMARKS.md keeps.
import { readdirSync, readFileSync } from 'node:fs'
import pg from 'pg'
import { Redis } from 'ioredis'
import { redisOptions } from '../src/config/redis-url.ts'
import type { Db } from '../src/db/client.ts'

const TICK = 100 // USER_HZ

/** utime + stime (s) of the processes whose command line matches, and of their children: the live ones, and those
 * that exited and were waited for (cutime + cstime of the matching process), so a PostgreSQL backend that ends
 * during the measurement is not lost (nor does its end make the difference negative). */
export function cpuSeconds(match: (cmd: string, ppid: string) => boolean): number {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d))
  const info = procs.flatMap((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return [{ pid, ppid: f[1]!, cmd, cpu: (Number(f[11]) + Number(f[12])) / TICK, reaped: (Number(f[13]) + Number(f[14])) / TICK }]
    } catch {
      return []
    }
  })
  const roots = new Set(info.filter((p) => match(p.cmd, p.ppid)).map((p) => p.pid))
  return info.filter((p) => roots.has(p.pid) || roots.has(p.ppid)).reduce((a, p) => a + p.cpu + (roots.has(p.pid) ? p.reaped : 0), 0)
}

let statements = 0
const original = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++
  return (original as (...a: unknown[]) => unknown).apply(this, args)
} as typeof original

async function redisStats(r: Redis): Promise<Map<string, number>> {
  const text = (await r.info('commandstats')) as string
  return new Map([...text.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)].map((m) => [m[1]!, Number(m[2])]))
}

async function pgStats(db: Db) {
  const [d] = await db.$queryRawUnsafe<{ xact_commit: bigint }[]>(`SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`)
  const [w] = await db.$queryRawUnsafe<{ wal_records: bigint; wal_write: bigint; wal_sync: bigint; wal_bytes: number }[]>(
    `SELECT wal_records, wal_write, wal_sync, wal_bytes::float8 AS wal_bytes FROM pg_stat_wal`,
  )
  return {
    commits: Number(d!.xact_commit),
    walRecords: Number(w!.wal_records),
    walWrites: Number(w!.wal_write),
    walSyncs: Number(w!.wal_sync),
    walBytes: w!.wal_bytes,
  }
}

/** The PostgreSQL server (postmaster and its backends) a benchmark started for `dbUrl`. */
export const postgresOf = (dbUrl: string) => {
  const port = new URL(dbUrl).port
  return (c: string) => c.includes(`-p ${port}`) && c.includes('postgres')
}

export async function measureCosts(db: Db, dbUrl: string, redisUrl: string) {
  const redis = new Redis(redisOptions(redisUrl, {}))
  const redisMatch = (c: string, ppid: string) => ppid === String(process.pid) && c.includes('redis-server')
  const pgMatch = postgresOf(dbUrl)
  // `gridbot start --role worker` processes this one started (gateway + worker runs).
  const workerMatch = (c: string, ppid: string) => ppid === String(process.pid) && c.includes('gridbot.js')
  const before = {
    redis: await redisStats(redis),
    pg: await pgStats(db),
    statements,
    node: process.cpuUsage(),
    redisCpu: cpuSeconds(redisMatch),
    pgCpu: cpuSeconds(pgMatch),
    workerCpu: cpuSeconds(workerMatch),
  }
  return async (messages: number) => {
    const node = process.cpuUsage(before.node)
    const stmts = statements - before.statements
    const after = { redis: await redisStats(redis), pg: await pgStats(db) }
    const per = (n: number) => Number((n / messages).toFixed(2))
    const cmds = [...after.redis].map(([k, v]) => [k, per(v - (before.redis.get(k) ?? 0))] as const).filter(([k, v]) => v > 0 && k !== 'info')
    const out = {
      messages,
      redisCommandsPerMessage: Object.fromEntries(cmds.sort((a, b) => b[1] - a[1])),
      redisTotalPerMessage: per(cmds.reduce((a, [, v]) => a + v * messages, 0)),
      pgStatementsPerMessage: per(stmts),
      pgCommitsPerMessage: per(after.pg.commits - before.pg.commits),
      walFlushesPerMessage: per(after.pg.walSyncs - before.pg.walSyncs),
      walWritesPerMessage: per(after.pg.walWrites - before.pg.walWrites),
      walBytesPerMessage: per(after.pg.walBytes - before.pg.walBytes),
      cpuMsPerMessage: {
        node: Number(((node.user + node.system) / 1000 / messages).toFixed(3)),
        workers: Number((((cpuSeconds(workerMatch) - before.workerCpu) * 1000) / messages).toFixed(3)),
        redis: Number((((cpuSeconds(redisMatch) - before.redisCpu) * 1000) / messages).toFixed(3)),
        postgres: Number((((cpuSeconds(pgMatch) - before.pgCpu) * 1000) / messages).toFixed(3)),
      },
    }
    redis.disconnect()
    return out
  }
}
