// Alone: BullMQ's PostgreSQL backend against its Redis backend (bench/queue-backends.bench.ts).
import os from 'node:os'
import { benchQueueBackends } from './queue-backends.bench.ts'

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')
console.log(`load before: ${load()}`)
const f = await benchQueueBackends({ jobs: Number(process.env.BENCH_JOBS ?? 2000), shards: 16, delayed: 300, spreadMs: 10_000 })
console.log(JSON.stringify(f))
console.log(`load after: ${load()}`)
process.exit(0)
