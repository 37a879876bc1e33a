// Runs the process benchmark alone and puts its section into BENCHMARKS.md: node bin/run-ts.js bench/ops.ts
import { spliceSection } from './hazard-duplicates.bench.ts'
import { benchOps, opsSection } from './ops.bench.ts'
import { machine } from './stores.ts'

const f = await benchOps({ runs: Number(process.env.BENCH_RUNS ?? 5) })
console.log(f)
spliceSection('BENCHMARKS.md', `${opsSection(f)}\n_Run alone on ${new Date().toISOString()}, ${machine()}._\n`, '## Processes: memory and start-up')
process.exit(0)
