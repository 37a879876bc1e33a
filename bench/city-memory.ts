// Memory at city size (issue #26), alone: `node bin/run-ts.js bench/city-memory.ts` (BENCH_DISTRICTS, default 10;
// BENCH_PER_GATEWAY, default 20; BENCH_ORG_DUMP: a plain pg_dump of the same generated city to restore instead of
// importing it). The one-district baselines run in the same stores, at the same time. Puts its section into BENCHMARKS.md.
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { spliceSection } from './hazard-duplicates.bench.ts'
import { benchCityMemory, buildOnce } from './city-memory.bench.ts'
import { CITY_MEMORY_HEADER, cityMemorySection } from './city-memory-section.ts'
import { machine } from './stores.ts'

buildOnce()
const loadBefore = os.loadavg()
const f = await benchCityMemory({ districts: Number(process.env.BENCH_DISTRICTS ?? 10), perGateway: Number(process.env.BENCH_PER_GATEWAY ?? 20) })
console.log(JSON.stringify(f, null, 2))
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ f, loadBefore, loadAfter: os.loadavg() }))
const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(', ')
const note = `\n_Run alone (\`node bin/run-ts.js bench/city-memory.ts\`) on ${new Date().toISOString()}, ${machine()}; load average ${la(loadBefore)} before and ${la(os.loadavg())} after on ${os.cpus().length} cores (other engineers' test runs and the other city benchmarks overlapped: RSS hardly moves with load)._\n`
if (process.env.BENCH_WRITE !== '0') spliceSection('BENCHMARKS.md', cityMemorySection(f, note), CITY_MEMORY_HEADER)
process.exit(0)
