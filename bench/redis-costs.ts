// Redis commands per check-in alone, base beside the new settings (bench/redis-costs.bench.ts): BENCH_MESSAGES,
// BENCH_RATE. BENCH_WRITE=1 puts the section into BENCHMARKS.md (replacing it, or before the escalation section).
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { benchRedisCosts, redisCostsSection } from './redis-costs.bench.ts'

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')
const before = load()
const figures = await benchRedisCosts({ messages: Number(process.env.BENCH_MESSAGES ?? 1000), rate: Number(process.env.BENCH_RATE ?? 100) })
for (const f of figures) console.log(JSON.stringify(f))
const section = redisCostsSection(figures, { before, after: load() })
if (process.env.BENCH_WRITE === '1') {
  const text = readFileSync('BENCHMARKS.md', 'utf8')
  const from = text.indexOf('## Redis commands per check-in, inbound and outbound')
  const at = from >= 0 ? from : text.indexOf('## Escalation at district scale')
  const to = from >= 0 ? text.indexOf('\n## ', from + 1) + 1 : at
  writeFileSync('BENCHMARKS.md', `${text.slice(0, at)}${section}\n\n${text.slice(to)}`)
  console.log('wrote the Redis commands section of BENCHMARKS.md')
} else console.log(section)
process.exit(0)
