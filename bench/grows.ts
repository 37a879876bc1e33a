// PostgreSQL that grows (issue #26), alone: `node bin/run-ts.js bench/grows.ts` (BENCH_CHECKINS, default 10,000,000;
// BENCH_MONTHS, default 12; BENCH_DISTRICTS, default 10: the generated city; BENCH_TIMERS, default 10,000). Puts its section into BENCHMARKS.md in place of the last one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchPartitions } from './partitions.bench.ts'
import { benchSweeperRestore } from './sweeper-restore.bench.ts'
import { growsSection, spliceGrowsSection } from './grows-section.ts'
import { machine } from './stores.ts'

const loadBefore = os.loadavg()[0]!
const checkins = Number(process.env.BENCH_CHECKINS ?? 10_000_000)
console.log(`digests over ${checkins.toLocaleString('en')} check-ins in monthly partitions…`)
const p = await benchPartitions({ checkins, months: Number(process.env.BENCH_MONTHS ?? 12), districts: Number(process.env.BENCH_DISTRICTS ?? 10) })
console.log(JSON.stringify(p, null, 2))
console.log('the sweeper after FLUSHALL…')
const r = await benchSweeperRestore({ timers: Number(process.env.BENCH_TIMERS ?? 10_000) })
console.log(JSON.stringify(r, null, 2))
if (process.env.BENCH_WRITE !== '0') {
  const file = path.resolve('BENCHMARKS.md')
  const note = `\n_Run alone (\`node bin/run-ts.js bench/grows.ts\`) on ${new Date().toISOString()}, ${machine()}; load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0]!.toFixed(1)} after on ${os.cpus().length} cores (above ~1 other runs overlapped)._\n`
  writeFileSync(file, spliceGrowsSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n', growsSection(p, r, note)))
  console.log('wrote the PostgreSQL-that-grows section of BENCHMARKS.md')
}
process.exit(0)
