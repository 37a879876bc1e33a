// Issue #27: BullMQ 6.7's PostgreSQL backend (`bullmq/dist/esm/postgres`: one job table, FOR UPDATE SKIP LOCKED,
// LISTEN/NOTIFY) against its Redis backend, on the same machine in the same run, on the two shapes gridbot uses:
//  - the inbound shards: 16 queues, each with global concurrency 1 (per-group order), one add per message from the
//    gateway, a no-op processor (what the queue itself costs per message);
//  - the timers: delayed jobs spread over a window, lateness = when the processor ran minus its due time.
// PostgreSQL with production durability (fsync, synchronous_commit on), Redis with AOF everysec (bench/stores.ts).
// Third column: the same backend on the embedded database, PGlite served through @electric-sql/pglite-socket
// (bench/queue-backends-pglite.ts: one session for every connection, NOTIFY routed to the LISTENing connections).
import { Queue, Worker, type Job } from 'bullmq'
import { createPostgresBackend, runMigrations } from 'bullmq/dist/esm/postgres/index.js'
import pg from 'pg'
import { createRedis } from '../src/jobs/queues.ts'
import { startPgliteSocket } from './queue-backends-pglite.ts'
import { benchStores, percentile } from './stores.ts'

export interface BackendFigures {
  /** `pglite-no-relay`: PGlite through the socket without the NOTIFY relay (only when asked for in `only`). */
  backend: 'redis' | 'postgresql' | 'pglite-socket' | 'pglite-no-relay'
  jobsPerSecond: number
  jobs: number
  /** Jobs processed before the timeout (== jobs unless the backend stalled). */
  completed: number
  /** Times a shard ran two jobs at once (global concurrency 1 broken): must be 0. */
  overlaps: number
  /** Statements (simple queries and extended-protocol syncs) per inbound job, PGlite only. */
  statementsPerJob?: number
  delayed: { jobs: number; p50: number; p99: number; max: number }
}

type Make = {
  queue(name: string): Queue
  worker(name: string, fn: (j: Job) => Promise<void>, concurrency: number): Worker
  close(): Promise<void>
  /** Statements the database ran so far (PGlite through the socket only). */
  statements?: () => number
}

export interface BenchOptions {
  jobs: number
  shards: number
  delayed: number
  spreadMs: number
  timeoutMs?: number
  /** Which backends to run (default all three). */
  only?: BackendFigures['backend'][]
}

async function measure(backend: BackendFigures['backend'], make: Make, o: BenchOptions): Promise<BackendFigures> {
  const names = Array.from({ length: o.shards }, (_, i) => `in-${i}`)
  const queues = names.map((n) => make.queue(n))
  for (const q of queues) await q.setGlobalConcurrency(1)
  let done = 0
  let overlaps = 0
  const active = new Map<string, number>()
  let allDone!: () => void
  const finished = new Promise<void>((r) => (allDone = r))
  const workers = names.map((n) =>
    make.worker(
      n,
      async () => {
        const now = (active.get(n) ?? 0) + 1
        active.set(n, now)
        if (now > 1) overlaps++
        await new Promise((r) => setImmediate(r))
        active.set(n, (active.get(n) ?? 1) - 1)
        if (++done === o.jobs) allDone()
      },
      1,
    ),
  )
  // Warm-up: connections, prepared statements / script loading.
  await Promise.all(queues.map((q, i) => q.add('m', { i }, { jobId: `warm-${i}` })))
  while (done < o.shards) await new Promise((r) => setTimeout(r, 20))
  done = 0
  overlaps = 0
  const statements0 = make.statements?.()
  const t0 = performance.now()
  // As the gateway adds: one add per message, many in flight.
  await Promise.all(Array.from({ length: o.jobs }, (_, i) => queues[i % o.shards]!.add('m', { i, text: '#签到 走访 3户' }, { jobId: `m-${i}` })))
  await Promise.race([finished, new Promise((r) => setTimeout(r, o.timeoutMs ?? 300_000))])
  const seconds = (performance.now() - t0) / 1000
  const statementsPerJob = statements0 === undefined ? undefined : (make.statements!() - statements0) / Math.max(done, 1)
  for (const w of workers) await w.close()
  for (const q of queues) await q.close()

  const timers = make.queue('timers')
  const late: number[] = []
  let fired = 0
  let allFired!: () => void
  const firedAll = new Promise<void>((r) => (allFired = r))
  const tw = make.worker(
    'timers',
    async (j) => {
      late.push(Date.now() - (j.data as { due: number }).due)
      if (++fired === o.delayed) allFired()
    },
    8,
  )
  const start = Date.now() + 2_000
  await Promise.all(
    Array.from({ length: o.delayed }, (_, i) => {
      const due = start + Math.floor((i * o.spreadMs) / o.delayed)
      return timers.add('t', { due }, { delay: due - Date.now(), jobId: `t-${i}` })
    }),
  )
  await Promise.race([firedAll, new Promise((r) => setTimeout(r, o.spreadMs + 120_000))])
  await tw.close()
  await timers.close()
  late.sort((a, b) => a - b)
  return {
    backend,
    jobs: o.jobs,
    completed: done,
    overlaps,
    statementsPerJob,
    jobsPerSecond: done / seconds,
    delayed: { jobs: late.length, p50: percentile(late, 50), p99: percentile(late, 99), max: late[late.length - 1] ?? NaN },
  }
}

export async function benchQueueBackends(
  o: BenchOptions = { jobs: 2000, shards: 16, delayed: 300, spreadMs: 10_000 },
): Promise<Partial<Record<BackendFigures['backend'], BackendFigures>> & { notificationsRouted?: number }> {
  const want = (b: BackendFigures['backend']) => (o.only ? o.only.includes(b) : b !== 'pglite-no-relay')
  const out: Partial<Record<BackendFigures['backend'], BackendFigures>> & { notificationsRouted?: number } = {}
  const stores = await benchStores(4)
  try {
    if (want('redis')) {
      const redisMake: Make = {
        queue: (n) => new Queue(n, { connection: createRedis(stores.infra.redisUrl, { autoPipelining: true }), prefix: 'qb' }),
        worker: (n, fn, concurrency) => new Worker(n, fn, { connection: createRedis(stores.infra.redisUrl), prefix: 'qb', concurrency }),
        close: async () => undefined,
      }
      out.redis = await measure('redis', redisMake, o)
    }
    if (want('postgresql')) {
      // A pg.Pool per queue or worker (each checks its LISTEN client out of it); the backend's own tables in schema
      // `bullmq`, created by its migrations.
      const pools: pg.Pool[] = []
      const pool = () => pools[pools.push(new pg.Pool({ connectionString: stores.dbUrl, max: 3, options: '-c search_path=bullmq' })) - 1]!
      const m = await pool().connect()
      await runMigrations(m as never)
      m.release()
      out.postgresql = await measure('postgresql', pgMakeFor(pool), o)
      for (const p of pools) await p.end()
    }
    for (const b of ['pglite-socket', 'pglite-no-relay'] as const) {
      if (!want(b)) continue
      const lite = await startPgliteSocket({ relay: b === 'pglite-socket' })
      try {
        const m = await lite.pool(1).connect()
        await runMigrations(m as never)
        m.release()
        out[b] = await measure(b, { ...pgMakeFor(() => lite.pool(3)), statements: b === 'pglite-socket' ? lite.statements : undefined }, o)
        if (b === 'pglite-socket') out.notificationsRouted = lite.routed()
      } finally {
        await lite.stop()
      }
    }
    return out
  } finally {
    await stores.stop()
  }
}

function pgMakeFor(pool: () => pg.Pool): Make {
  return {
    queue: (n) => new Queue(n, { connection: pool() } as never, createPostgresBackend as never),
    worker: (n, fn, concurrency) => new Worker(n, fn, { connection: pool(), concurrency } as never, createPostgresBackend as never),
    close: async () => undefined,
  }
}
