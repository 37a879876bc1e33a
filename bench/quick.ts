// Ad-hoc: one pipeline figure (BENCH_SHARDS, BENCH_DURABLE, BENCH_BURST, BENCH_WORKERS) — for finding where the time
// goes. BENCH_ECHO=1 measures the echo baseline in the same run, so a change can be judged by its ratio to it
// (the machine is shared: absolute figures move with the load).
import { benchEcho, benchGridbot } from './checkin-pipeline.bench.ts'
const burst = Number(process.env.BENCH_BURST ?? 2000)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const r = await benchGridbot({
  burst,
  rate: 100,
  seconds,
  workerProcesses: Number(process.env.BENCH_WORKERS ?? 0),
  durable: process.env.BENCH_DURABLE !== '0',
})
const e = process.env.BENCH_ECHO === '1' ? await benchEcho({ burst, rate: 100, seconds }) : null
console.log(
  JSON.stringify({
    shards: process.env.BENCH_SHARDS ?? '16',
    durable: process.env.BENCH_DURABLE !== '0',
    perSecond: Math.round(r.throughput.perSecond),
    p50: r.latency.p50.toFixed(1),
    p99: r.latency.p99.toFixed(1),
    ...(e
      ? { echo: Math.round(e.throughput.perSecond), ratio: (r.throughput.perSecond / e.throughput.perSecond).toFixed(3), echoP99: e.latency.p99.toFixed(1) }
      : {}),
  }),
)
process.exit(0)
