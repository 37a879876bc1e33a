// `npm run bench`: runs every benchmark and puts its sections into BENCHMARKS.md (machine, date, figures, baselines
// beside them), then prints a one-screen summary. Only the sections it measures are replaced (matched by their `## `
// heading, bench/sections.ts); every other section — hand-written readings, one-off benchmarks, the city sections other
// scripts write — stays where it is, and notes after NOTES_MARK in a measured section are carried over. Each section is
// written as soon as it is measured, so a run cut short keeps what it finished.
// BENCH_ONLY=<name>[,<name>…]: only those sections (names: see SECTIONS below; docs/performance.md).
// BENCH_FILE: write there instead of BENCHMARKS.md (a trial run with small sizes).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchEcho, benchGridbot } from './checkin-pipeline.bench.ts'
import { machine } from './stores.ts'
import { benchEscalation, type EscalationFigures } from './escalation.bench.ts'
import { benchHazardDuplicates, duplicateSection } from './hazard-duplicates.bench.ts'
import { benchPoints, pointsSection } from './points.bench.ts'
import { benchNotices, noticeSection } from './notices.bench.ts'
import { benchNoticePosts, noticePostsSection } from './notice-posts.bench.ts'
import { benchOps, opsSection } from './ops.bench.ts'
import { benchPgCeiling } from './pg-ceiling.bench.ts'
import { benchEmbedded, embeddedSection, type EmbeddedFigures } from './embedded.bench.ts'
import { benchRedisCluster, clusterSection, type ClusterFigures } from './redis-cluster.bench.ts'
import { benchRedisCosts, redisCostsSection } from './redis-costs.bench.ts'
import { pipelineRows, pipelineSection, previousPipeline, type Row } from './pipeline-section.ts'
import { mergeSections } from './sections.ts'

const FILE = path.resolve(process.env.BENCH_FILE ?? 'BENCHMARKS.md')
const num = (name: string, d: number) => Number(process.env[name] ?? d)
const opts = { burst: num('BENCH_BURST', 5000), rate: 100, seconds: num('BENCH_SECONDS', 20) }
const ms = (n: number) => `${n.toFixed(1)} ms`
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')
const read = () => (existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n')

/** What one section gives: its markdown (from its `## ` heading) and its rows of the one-screen summary. */
interface Measured {
  section: string
  rows: Row[]
}

const SECTIONS: Record<string, () => Promise<Measured>> = {
  // The pipeline four times (one process, without fsync, gateway + worker), the echo bot and the PostgreSQL ceiling.
  pipeline: async () => {
    const previous = previousPipeline(read())
    const before = load()
    const started = new Date().toISOString()
    console.log('gridbot pipeline…')
    const g = await benchGridbot({ ...opts, workerProcesses: 0 })
    console.log(g)
    console.log('gridbot pipeline, PostgreSQL without fsync (what durability costs)…')
    const gf = await benchGridbot({ ...opts, workerProcesses: 0, durable: false })
    console.log(gf)
    console.log('gridbot pipeline, gateway + 1 worker process…')
    const gs = await benchGridbot({ ...opts, workerProcesses: 1 })
    console.log(gs)
    console.log('echo baseline…')
    const e = await benchEcho(opts)
    console.log(e)
    console.log('PostgreSQL ceiling: the check-in statement alone, same durability (bench/pg-ceiling.bench.ts)…')
    const ceiling = await benchPgCeiling({ clients: 16, seconds: num('BENCH_CEILING_SECONDS', 10) })
    console.log(ceiling)
    const run = { g, gf, gs, e, ceiling, opts, started, previous, load: { before, after: load() } }
    return { section: pipelineSection(run), rows: pipelineRows(run) }
  },
  'redis-costs': async () => {
    console.log('Redis commands per check-in, inbound and outbound, base beside the new settings…')
    const before = load()
    const figures = await benchRedisCosts({ messages: num('BENCH_REDIS_MESSAGES', 1000), rate: opts.rate })
    console.log(figures)
    const base = figures[0]!.label
    const rows = figures
      .filter((f) => f.label !== base)
      .map((f): Row => {
        const b = figures.find((x) => x.load === f.load && x.label === base)!
        return [
          `Redis commands per check-in, ${f.load}, ${f.label} (inbound / outbound)`,
          `${f.total} (${f.inbound} / ${f.outbound})`,
          `base ${b.total} (${b.inbound} / ${b.outbound})`,
          (f.total / b.total).toFixed(2),
          '≤ 30',
        ]
      })
    return { section: redisCostsSection(figures, { before, after: load() }), rows }
  },
  escalation: async () => {
    console.log('escalation at district scale…')
    const esc = await benchEscalation({ tasks: num('BENCH_TASKS', 1000), spreadMs: 60_000, leadMs: num('BENCH_LEAD_MS', 90_000) })
    console.log(esc)
    return {
      section: escalationSection(esc),
      rows: [['escalation p99 lateness', ms(esc.lateness.p99), `bare BullMQ ${ms(esc.baselineLateness.p99)}`, '', '≤ 2 s']],
    }
  },
  hazards: async () => {
    console.log('hazard duplicate check…')
    const dup = await benchHazardDuplicates({ open: 10_000, reports: num('BENCH_REPORTS', 500) })
    console.log(dup)
    return {
      section: duplicateSection(dup),
      rows: [
        [
          'hazard report p99 (duplicate check included)',
          ms(dup.report.p99),
          `plain insert ${ms(dup.baseline.p99)}`,
          (dup.report.p99 / dup.baseline.p99).toFixed(1),
          '≤ 50 ms',
        ],
      ],
    }
  },
  points: async () => {
    console.log('points ledger at district scale…')
    const pts = await benchPoints({ entries: num('BENCH_LEDGER', 1_000_000) })
    console.log(pts)
    return {
      section: pointsSection(pts),
      rows: [
        [
          '#排行 本月 全区 p99 (monthly rollups)',
          ms(pts.ranking.p99),
          `from the ledger ${ms(pts.rankingFromLedger.p99)}`,
          (pts.ranking.p99 / pts.rankingFromLedger.p99).toFixed(2),
          '≤ 500 ms',
        ],
        ['redemptions succeeded (stock)', `${pts.redeem.succeeded}`, `stock ${pts.redeem.stock}`, '', 'exactly the stock'],
      ],
    }
  },
  notices: async () => {
    console.log('an urgent notice to the whole district, paced, then 1,200 收到…')
    const notices = await benchNotices()
    console.log(notices)
    return {
      section: noticeSection(notices),
      rows: [
        [
          'urgent notice to the district: completion',
          `${notices.completionS.toFixed(0)} s`,
          `paced minimum ${notices.theoreticalS.toFixed(0)} s`,
          (notices.completionS / notices.theoreticalS).toFixed(2),
          '',
        ],
        ['收到 p99', ms(notices.acks.p99), '', '', '≤ 200 ms'],
      ],
    }
  },
  'notice-posts': async () => {
    console.log('posts per notice and the status reply at district scale (counts)…')
    const posts = await benchNoticePosts()
    console.log(posts)
    const longest = Math.max(...posts.status.map((x) => x.chars))
    return { section: noticePostsSection(posts), rows: [['#通知 状态: longest reply (characters)', `${longest}`, '', '', '≤ ~800, one message']] }
  },
  ops: async () => {
    console.log('processes: memory and start-up…')
    const ops = await benchOps()
    console.log(ops)
    return {
      section: opsSection(ops),
      rows: [
        [
          'compiled `gridbot start` to ready',
          `${(ops.startToReady.compiled / 1000).toFixed(2)} s`,
          `tsx ${(ops.startToReady.tsx / 1000).toFixed(2)} s`,
          '',
          '≤ 5 s',
        ],
      ],
    }
  },
  embedded: async () => {
    console.log('the embedded default (npm start): first answer and RSS over 1,000 check-ins…')
    const embedded: EmbeddedFigures[] = []
    for (const org of ['demo', 'district'] as const) embedded.push(await benchEmbedded({ org, checkins: num('BENCH_EMBEDDED_CHECKINS', 1000) }))
    console.log(embedded)
    return {
      section: embeddedSection(embedded, load()),
      rows: embedded.map(
        (f): Row => [
          `npm start, ${f.org}: peak RSS / first answer`,
          `${f.peakMb.toFixed(0)} MB / ${f.firstAnswerSeconds.toFixed(1)} s`,
          '',
          '',
          f.org === 'demo' ? '≤ 400 MB / ≤ 15 s' : '≤ 500 MB',
        ],
      ),
    }
  },
  cluster: async () => {
    console.log('check-ins on a 3-master Redis Cluster beside a single Redis…')
    const f: ClusterFigures = await benchRedisCluster({ burst: Math.round(opts.burst / 2), rate: opts.rate, seconds: Math.round(opts.seconds / 2) })
    console.log(f)
    return {
      section: clusterSection(f),
      rows: [
        [
          'check-ins/s, burst, 3-master Redis Cluster',
          f.cluster.perSecond.toFixed(0),
          `single Redis ${f.single.perSecond.toFixed(0)}`,
          (f.cluster.perSecond / f.single.perSecond).toFixed(2),
          '',
        ],
      ],
    }
  },
}

function escalationSection(esc: EscalationFigures): string {
  return `## Escalation at district scale (issue #3)

Generated district (15 towns, 109 communities, 1,034 grids: 1,159 groups on 8 bot accounts). ${esc.tasks} claimed
tasks with deadlines staggered over 60 s; at each deadline the overdue post (level 0) goes to the task's group.
Lateness = when the post is observed on the mock WeChat minus its due time (BullMQ delayed job → transaction that
claims the step → outbox → sender → \`room.say\`). **Outbound pacing off** (pacing is WeChat's limit, not ours).
Baseline: bare BullMQ delayed jobs, same count and spread, no-op processor, same Redis.

| | gridbot escalation posts | bare BullMQ delayed jobs (baseline) |
|---|---|---|
| posted | ${esc.lateness.posted} / ${esc.tasks} | |
| p50 lateness | ${ms(esc.lateness.p50)} | ${ms(esc.baselineLateness.p50)} |
| p99 lateness | **${ms(esc.lateness.p99)}** | ${ms(esc.baselineLateness.p99)} |
| max lateness | ${ms(esc.lateness.max)} | ${ms(esc.baselineLateness.max)} |

Sweeper after \`FLUSHALL\` with ${esc.tasks} escalations pending: all timers back after **${esc.restore.seconds.toFixed(1)} s**
(${esc.restore.restored} restored). A worker notices the flush within 5 s (its marker key is gone), re-creates the
sweeper's schedule and sweeps at once. Baseline: a bare \`addBulk\` of ${esc.tasks} delayed jobs took ${esc.restore.baselineSeconds.toFixed(2)} s.

Targets from issue #3: p99 lateness ≤ 2 s — ${esc.lateness.p99 <= 2000 ? 'met' : '**not met**'}; restore ≤ 60 s — ${esc.restore.seconds <= 60 ? 'met' : '**not met**'}.
`
}

const preamble = () => `# Benchmarks

Written by \`npm run bench\` (bench/run.ts), which replaces the sections it measures and keeps the others (one-off
and hand-written sections, and those bench/city-*.ts, bench/grows.ts and the like write). Not a test: figures are
measured, never asserted.

**Which figures compare across runs.** The machine is shared (2 cores), so absolute rates, latencies and seconds move
with its load (±50 % between identical runs; even the PostgreSQL ceiling moved 1,948 → 3,248/s): compare them only
beside the baseline measured in the same run, and only between runs at a similar load average (printed with each
run). Comparable across runs: ratios to a same-run baseline (check-ins / PostgreSQL ceiling, check-ins / echo bot),
counts per check-in (Redis commands, statements: exact at any load), CPU ms per check-in (nearly: a loaded machine
adds cache misses and switches), and RSS. \`npm run bench\` ends with a one-screen summary of these (docs/performance.md).

- Date of the last full run: ${new Date().toISOString()}
- Machine: ${machine()}
- Stores: PostgreSQL and redis-server started by the benchmark on loopback with production durability —
  PostgreSQL \`fsync=on\`, \`synchronous_commit=on\`, \`full_page_writes=on\`; Redis AOF \`appendfsync everysec\` —
  Prisma pool 24, inbound worker concurrency 48, 16 inbound shards.
`

const only = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const unknown = only?.filter((s) => !(s in SECTIONS)) ?? []
if (unknown.length) {
  console.error(`BENCH_ONLY: no section ${unknown.join(', ')}; the sections are ${Object.keys(SECTIONS).join(', ')}`)
  process.exit(2)
}
const names = only ?? Object.keys(SECTIONS)
const full = !only

const loadBefore = load()
const t0 = performance.now()
const rows: Row[] = []
const took: string[] = []
for (const name of names) {
  const t = performance.now()
  const before = load()
  const m = await SECTIONS[name]!()
  const seconds = (performance.now() - t) / 1000
  const by = full ? '`npm run bench`' : `\`BENCH_ONLY=${name} npm run bench\``
  const stamp = `_Measured by ${by} on ${new Date().toISOString()} in ${seconds.toFixed(0)} s, load average ${before} before and ${load()} after, ${machine()}._`
  writeFileSync(FILE, mergeSections(read(), [`${m.section.trimEnd()}\n\n${stamp}\n`], full ? preamble() : undefined))
  took.push(`${name} ${seconds.toFixed(0)} s`)
  console.log(`wrote the ${name} section of ${path.relative(process.cwd(), FILE)} (${seconds.toFixed(0)} s; load ${load()})`)
  rows.push(...m.rows)
}

/** The one-screen summary: each figure beside its baseline from the same run, and the load before and after. */
const head: Row = ['figure', 'measured', 'baseline (same run)', 'ratio', 'target']
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i]!)).join(' | ')
console.log(
  [
    `load average before: ${loadBefore}`,
    line(head),
    ...rows.map(line),
    `load average after: ${load()}`,
    `sections: ${took.join(', ')}; ${((performance.now() - t0) / 60_000).toFixed(1)} min in all`,
  ].join('\n'),
)
process.exit(0)
