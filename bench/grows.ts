// PostgreSQL that grows (issue #26), alone: `node bin/run-ts.js bench/grows.ts` (BENCH_CHECKINS, default 10,000,000;
// BENCH_MONTHS, default 12; BENCH_TIMERS, default 10,000). Puts its section into BENCHMARKS.md in place of the last one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchPartitions, type DigestTimes, type PartitionFigures } from './partitions.bench.ts'
import { benchSweeperRestore, type RestoreFigures } from './sweeper-restore.bench.ts'
import { machine } from './stores.ts'

const HEADER = '## PostgreSQL that grows: monthly partitions and the sweeper at city size (issue #26)'
const KINDS: Record<string, string> = { daily: '日报 (one day)', weekly: '周报 across a month’s end', monthly: '月报 (a month)' }
const s = (n: number) => `${n.toFixed(2)} s`
const ms = (n: number) => `${Math.round(n)} ms`

export function growsSection(p: PartitionFigures, r: RestoreFigures, note: string): string {
  const row = (a: DigestTimes, b: DigestTimes | undefined) =>
    `| ${KINDS[a.kind] ?? a.kind}: all ${p.units} supervisors, total / p50 / p99 / slowest | **${s(a.totalSeconds)} / ${ms(a.p50)} / ${ms(a.p99)} / ${ms(a.max)}** | ${b ? `${s(b.totalSeconds)} / ${ms(b.p50)} / ${ms(b.p99)} / ${ms(b.max)}` : ''} | ≤ 60 s, p99 ≤ 500 ms |`
  return `${HEADER}

The generated district (125 units above 1,034 grids) with **${p.checkins.toLocaleString('en')} check-ins** over
${p.months} months in ${p.partitions} partitions (monthly, plus DEFAULT; loaded with INSERT … SELECT in ${s(p.loadSeconds)}), on
PostgreSQL with fsync on (bench/partitions.bench.ts). Each digest kind is every supervisor's counts (\`digestFor\`),
one after another as the timers run them. Baseline, same run and server: the same rows copied into one plain table
with the same indexes (${s(p.copySeconds)}), put in the partitioned table's place.

| | monthly partitions | baseline: one plain table | target |
|---|---|---|---|
${p.partitioned.map((a) => row(a, p.plain.find((b) => b.kind === a.kind))).join('\n')}
| retention of ${p.retention.month} (${p.retention.rows.toLocaleString('en')} rows) | **DROP of its partition: ${s(p.retention.dropSeconds)}** | DELETE: ${s(p.retention.deleteSeconds)} (and the dead rows left to vacuum) | |

The sweeper after \`FLUSHALL\` with **${r.timers.toLocaleString('en')} escalations** pending (open tasks due in 10 minutes;
bench/sweeper-restore.bench.ts): all timers back after **${s(r.seconds)}** (${r.restored.toLocaleString('en')} restored; target ≤ 60 s).
Baseline: a bare BullMQ \`addBulk\` of as many delayed jobs on the same Redis took ${s(r.baselineSeconds)}.
${note}`
}

export function spliceGrowsSection(doc: string, section: string): string {
  const at = doc.indexOf(HEADER)
  if (at < 0) return `${doc.trimEnd()}\n\n${section}`
  const end = doc.indexOf('\n## ', at + HEADER.length)
  return doc.slice(0, at) + section + (end < 0 ? '\n' : doc.slice(end))
}

const loadBefore = os.loadavg()[0]!
const checkins = Number(process.env.BENCH_CHECKINS ?? 10_000_000)
console.log(`digests over ${checkins.toLocaleString('en')} check-ins in monthly partitions…`)
const p = await benchPartitions({ checkins, months: Number(process.env.BENCH_MONTHS ?? 12) })
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
