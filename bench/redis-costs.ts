// Redis commands per check-in alone, base beside the new settings (bench/redis-costs.bench.ts): BENCH_MESSAGES, BENCH_RATE.
import { benchRedisCosts } from './redis-costs.bench.ts'

const figures = await benchRedisCosts({ messages: Number(process.env.BENCH_MESSAGES ?? 1000), rate: Number(process.env.BENCH_RATE ?? 100) })
for (const f of figures) console.log(JSON.stringify(f))
process.exit(0)
