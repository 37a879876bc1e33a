// Alone: BullMQ's PostgreSQL backend against its Redis backend, and on PGlite through a socket
// (bench/queue-backends.bench.ts). BENCH_QB_ONLY=redis,pglite-socket runs some of them;
// pglite-no-relay (only when named there) runs PGlite without the NOTIFY relay: workers then wake only by their own
// checks.
import os from 'node:os'
import { benchQueueBackends, type BackendFigures } from './queue-backends.bench.ts'

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')
console.log(`load before: ${load()}`)
const only = process.env.BENCH_QB_ONLY?.split(',') as BackendFigures['backend'][] | undefined
const f = await benchQueueBackends({ jobs: Number(process.env.BENCH_JOBS ?? 2000), shards: 16, delayed: 300, spreadMs: 10_000, only })
console.log(JSON.stringify(f))
console.log(`load after: ${load()}`)
process.exit(0)
