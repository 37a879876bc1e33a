// Ad-hoc: one pipeline figure (BENCH_SHARDS, BENCH_DURABLE) — for finding where the time goes.
import { benchGridbot } from './checkin-pipeline.bench.ts'
const r = await benchGridbot({ burst: 2000, rate: 100, seconds: 5, workerProcesses: 0, durable: process.env.BENCH_DURABLE !== '0' })
console.log(
  JSON.stringify({
    shards: process.env.BENCH_SHARDS ?? '16',
    durable: process.env.BENCH_DURABLE !== '0',
    perSecond: Math.round(r.throughput.perSecond),
    p50: r.latency.p50.toFixed(1),
    p99: r.latency.p99.toFixed(1),
  }),
)
process.exit(0)
