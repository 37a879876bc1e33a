// A city-wide urgent notice (issue #26), alone: `node bin/run-ts.js bench/city-notice.ts` (BENCH_DISTRICTS, default
// 10; BENCH_BASELINE=0 skips the one-district baseline). Puts its section into BENCHMARKS.md.
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { spliceSection } from './hazard-duplicates.bench.ts'
import { benchCityNotice } from './city-notice.bench.ts'
import { CITY_NOTICE_HEADER, cityNoticeSection } from './city-notice-section.ts'
import { machine } from './stores.ts'

const loadBefore = os.loadavg()
const city = await benchCityNotice({ districts: Number(process.env.BENCH_DISTRICTS ?? 10), perSec: Number(process.env.BENCH_NOTICE_PACE ?? 0.5) })
console.log(JSON.stringify(city, null, 2))
// The city's figures are kept at once (BENCH_JSON), so a baseline cut short loses nothing.
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ city, base: null, loadBefore, loadAfter: os.loadavg() }))
const base = process.env.BENCH_BASELINE === '0' ? null : await benchCityNotice({ districts: 1, perSec: Number(process.env.BENCH_NOTICE_PACE ?? 0.5) })
console.log(JSON.stringify(base, null, 2))
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ city, base, loadBefore, loadAfter: os.loadavg() }))
const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(', ')
const note = `\n_Run alone (\`node bin/run-ts.js bench/city-notice.ts\`) on ${new Date().toISOString()}, ${machine()}; load average ${la(loadBefore)} before and ${la(os.loadavg())} after on ${os.cpus().length} cores (other engineers' test runs and bench/grows.ts overlapped)._\n`
if (process.env.BENCH_WRITE !== '0') spliceSection('BENCHMARKS.md', cityNoticeSection(city, base, note), CITY_NOTICE_HEADER)
process.exit(0)
