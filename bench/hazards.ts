// Runs the hazard duplicate benchmark alone and puts its section into BENCHMARKS.md (BENCH_REPORTS new reports).
import { machine } from './stores.ts'
import { benchHazardDuplicates, duplicateSection, spliceSection } from './hazard-duplicates.bench.ts'

const f = await benchHazardDuplicates({ open: 10_000, reports: Number(process.env.BENCH_REPORTS ?? 500) })
console.log(f)
spliceSection('BENCHMARKS.md', `${duplicateSection(f)}\n_Run alone on ${new Date().toISOString()}, ${machine()}._\n`, '## Hazard reports: the duplicate check')
process.exit(0)
