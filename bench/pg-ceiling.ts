// Alone: the PostgreSQL-only ceiling of the check-in statement (bench/pg-ceiling.bench.ts).
// Usage: node bin/run-ts.js bench/pg-ceiling.ts   (BENCH_CLIENTS=16 BENCH_SECONDS=10 BENCH_GROUP=0|1 BENCH_DURABLE=0|1)
import { benchPgCeiling } from './pg-ceiling.bench.ts'

const f = await benchPgCeiling({
  clients: Number(process.env.BENCH_CLIENTS ?? 16),
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  grouped: process.env.BENCH_GROUP !== '0',
  durable: process.env.BENCH_DURABLE !== '0',
})
console.log(JSON.stringify({ ...f, checkinsPerSecond: Math.round(f.checkinsPerSecond) }))
process.exit(0)
