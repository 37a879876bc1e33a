// Alone: the embedded default's start-up and memory (bench/embedded.bench.ts), BENCH_ORG=demo|district|both,
// BENCH_CHECKINS=1000; BENCH_BASE_ROOT=<checkout of an earlier commit> measures it too, alternating, as "before".
import os from 'node:os'
import { benchEmbedded } from './embedded.bench.ts'

const which = process.env.BENCH_ORG ?? 'both'
const checkins = Number(process.env.BENCH_CHECKINS ?? 1000)
const base = process.env.BENCH_BASE_ROOT
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')
console.log(`load before: ${load()}`)
for (const org of which === 'both' ? (['demo', 'district'] as const) : [which as 'demo' | 'district']) {
  if (base) console.log(JSON.stringify({ before: base, ...(await benchEmbedded({ org, checkins, root: base })) }))
  console.log(JSON.stringify(await benchEmbedded({ org, checkins })))
}
console.log(`load after: ${load()}`)
process.exit(0)
