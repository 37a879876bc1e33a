// The digests benchmark alone (`node bin/run-ts.js bench/digests.ts`, BENCH_CHECKINS check-ins, default 1,000,000): puts
// its section into BENCHMARKS.md in place of the last one, without rerunning the other benchmarks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchDigests, digestSection, spliceDigestSection } from './digests.bench.ts'
import { machine } from './stores.ts'

// The machine is shared: the 1-minute load average before and after says whether other runs overlapped.
const loadBefore = os.loadavg()[0]!
const f = await benchDigests({ checkins: Number(process.env.BENCH_CHECKINS ?? 1_000_000) })
console.log(JSON.stringify(f, null, 2))
if (process.env.BENCH_WRITE !== '0') {
  const file = path.resolve('BENCHMARKS.md')
  const note = `\n_Run alone (\`node bin/run-ts.js bench/digests.ts\`) on ${new Date().toISOString()}, ${machine()}; load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0]!.toFixed(1)} after on ${os.cpus().length} cores (above ~1 another run overlapped)._\n`
  writeFileSync(file, spliceDigestSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n', digestSection(f) + note))
  console.log('wrote the digests section of BENCHMARKS.md')
}
process.exit(0)
