// The points benchmark alone (`node bin/run-ts.js bench/points.ts`, BENCH_LEDGER entries, default 1,000,000): puts
// its section into BENCHMARKS.md in place of the last one, without rerunning the other benchmarks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { benchPoints, pointsSection, spliceSection } from './points.bench.ts'
import { machine } from './stores.ts'

const f = await benchPoints({ entries: Number(process.env.BENCH_LEDGER ?? 1_000_000) })
console.log(f)
if (process.env.BENCH_WRITE !== '0') {
  const file = path.resolve('BENCHMARKS.md')
  const note = `\n_Run alone (\`node bin/run-ts.js bench/points.ts\`) on ${new Date().toISOString()}, ${machine()}; another engineer's test run may have shared this 2-core machine._\n`
  writeFileSync(file, spliceSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n', pointsSection(f) + note))
  console.log('wrote the points section of BENCHMARKS.md')
}
process.exit(0)
