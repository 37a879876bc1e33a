// Digests and the 台账 at district scale (issue #11): the generated district (15 towns, 109 communities, 1,034 grids)
// with 90 days of synthetic activity — 1,000,000 check-ins (BENCH_CHECKINS), and tasks, hazards and volunteer hours in
// proportion (1 task per 40 check-ins, 1 hazard per 100, 1 volunteer entry per 50) — on PostgreSQL with fsync on.
// Measured: every supervisor digest (each non-grid unit's 日报 of the day before: counts, text and chart PNG), total and
// p99; the counts alone; the whole district's 台账 of one month as .xlsx; peak RSS of this process during each.
// Baseline in the same run: the same measurements after the first 7 days of data only (then the other 83 are added).
// Data goes in with INSERT … SELECT over generate_series (bench-only SQL, one statement per table).
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Effects } from '../src/core/effects.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import type { Db } from '../src/db/client.ts'
import { inTransaction } from '../src/db/transaction.ts'
import { previousPeriod } from '../src/capabilities/digests/digest-rules.ts'
import { digestFor, digestWithChart } from '../src/capabilities/digests/digest.service.ts'
import { digestChartPng } from '../src/capabilities/digests/digest-chart.ts'
import { runDigestOccurrence } from '../src/capabilities/digests/digest-schedule.service.ts'
import { exportLedger, ledgerSheets } from '../src/capabilities/digests/ledger-export.service.ts'
import { monthPeriod } from '../src/capabilities/points/points-rules.ts'
import { writeOutbox } from '../src/kernel/outbox/outbox.service.ts'
import { importOrg } from '../src/app/org-import.ts'
import type { Unit } from '../src/kernel/org/org.types.ts'
import { settleCheckins } from '../src/capabilities/points/points.service.ts'
import { benchStores, percentile } from './stores.ts'

const DAY_MS = 86_400_000
/** The last day of data ends here; the digests are the 日报 of that day, sent the next morning. */
const END = new Date('2026-11-20T16:00:00Z') // 2026-11-21 00:00 China time
const MORNING = new Date('2026-11-21T08:00:00+08:00')

export interface Phase {
  days: number
  checkins: number
  tasks: number
  hazards: number
  hours: number
  loadSeconds: number
  settleSeconds: number
  digests: { units: number; totalSeconds: number; p50: number; p99: number; max: number; countsTotalSeconds: number; countsP99: number; peakRssMb: number }
  /** As scheduled: the digest job's transaction (claim, counts, text, outbox rows), then its chart job after commit. */
  scheduled: { txTotalSeconds: number; txP99: number; txMax: number; chartTotalSeconds: number; chartP99: number }
  ledger: { month: string; seconds: number; readSeconds: number; rows: Record<string, number>; bytes: number; peakRssMb: number }
}

export interface DigestFigures {
  baseline: Phase
  full: Phase
}

/** Peak RSS of this process while `fn` runs (sampled every 20 ms). */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 20)
  try {
    const value = await fn()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { value, peakMb: Math.round(peak / 2 ** 20) }
  } finally {
    clearInterval(timer)
  }
}

/** Inserts the activity of days [fromDay, toDay) before END, spread evenly over the grids' cadres. */
async function load(prisma: Db, districtId: number, perDay: number, fromDay: number, toDay: number): Promise<number> {
  const t0 = performance.now()
  const start = END.getTime() - (90 - fromDay) * DAY_MS
  const n = Math.round(perDay * (toDay - fromDay))
  const base = Math.round(perDay * fromDay)
  const ts = (i: string, total: number) => `to_timestamp(${start / 1000} + (${i}::float8 * ${((toDay - fromDay) * DAY_MS) / 1000} / ${total}))`
  await prisma.$executeRawUnsafe(`
    CREATE TEMP TABLE IF NOT EXISTS bench_cadre AS
    SELECT row_number() OVER (ORDER BY m."id") - 1 AS i, m."id" AS member, m."unitId" AS unit, r."id" AS room
    FROM "Member" m JOIN "Unit" u ON u."id" = m."unitId" AND u."kind" = 'grid' JOIN "Room" r ON r."unitId" = u."id"
    WHERE m."role" = 'grid_cadre'`)
  const cadres = Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM bench_cadre`))[0]!.n)
  // Every 97th grid stays silent (the problems section has something to name).
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "households", "note", "at", "accountId", "messageId")
    SELECT c.member, c.unit, c.room, (ARRAY['patrol','visit','meeting','service'])[1 + g % 4]::text,
      CASE WHEN g % 4 = 1 THEN 1 + g % 6 END, CASE WHEN g % 10 = 0 THEN '走访3号楼,电话1381234' || lpad((g % 10000)::text, 4, '0') END,
      ${ts('g', n)}, 'bench', 'c' || (g + ${base})
    FROM generate_series(0, ${n - 1}) g JOIN bench_cadre c ON c.i = (g % ${cadres})
    WHERE c.i % 97 <> 5`)
  const tasks = Math.round(n / 40)
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Task" ("districtId", "number", "unitId", "roomId", "title", "status", "deadline", "creatorId", "holderId", "createdAt", "claimedAt", "closedAt")
    SELECT ${districtId}, ${Math.round(base / 40)} + g + 1, c.unit, c.room, '修复路灯' || g,
      (ARRAY['open','claimed','done','done'])[1 + g % 4]::"TaskStatus", ${ts('g', tasks)} + interval '2 days', c.member,
      CASE WHEN g % 4 > 0 THEN c.member END, ${ts('g', tasks)},
      CASE WHEN g % 4 > 0 THEN ${ts('g', tasks)} + interval '2 hours' END, CASE WHEN g % 4 > 1 THEN ${ts('g', tasks)} + interval '1 day' END
    FROM generate_series(0, ${tasks - 1}) g JOIN bench_cadre c ON c.i = ((g * 7) % ${cadres})`)
  const hazards = Math.round(n / 100)
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Hazard" ("districtId", "number", "reportUnitId", "reportRoomId", "unitId", "targetUnitId", "category", "description", "status",
      "reporterMemberId", "reporterWxid", "reporterName", "accountId", "messageId", "createdAt", "updatedAt", "resolvedAt", "closedAt")
    SELECT ${districtId}, ${Math.round(base / 100)} + g + 1, c.unit, c.room, c.unit, c.unit, '消防', '楼道堆放杂物' || g,
      (ARRAY['reported','acknowledged','resolved','verified'])[1 + g % 4]::"HazardStatus", c.member, 'bench', '网格员',
      'bench', 'h' || (g + ${base}), ${ts('g', hazards)}, ${ts('g', hazards)},
      CASE WHEN g % 4 > 1 THEN ${ts('g', hazards)} + interval '20 hours' END, CASE WHEN g % 4 = 3 THEN ${ts('g', hazards)} + interval '1 day' END
    FROM generate_series(0, ${hazards - 1}) g JOIN bench_cadre c ON c.i = ((g * 13) % ${cadres})`)
  const hours = Math.round(n / 50)
  await prisma.$executeRawUnsafe(`
    INSERT INTO "VolunteerEntry" ("districtId", "number", "memberId", "loggedById", "unitId", "roomId", "activity", "minutes", "day", "status",
      "reviewerId", "reviewedAt", "createdAt")
    SELECT ${districtId}, ${Math.round(base / 50)} + g + 1, c.member, c.member, c.unit, c.room, '助老服务', 60 + (g % 4) * 30,
      date_trunc('day', ${ts('g', hours)}), (ARRAY['pending','approved','approved'])[1 + g % 3]::"VolunteerStatus",
      CASE WHEN g % 3 > 0 THEN c.member END, CASE WHEN g % 3 > 0 THEN ${ts('g', hours)} + interval '3 hours' END, ${ts('g', hours)}
    FROM generate_series(0, ${hours - 1}) g JOIN bench_cadre c ON c.i = ((g * 11) % ${cadres})`)
  await prisma.$executeRawUnsafe(`ANALYZE`)
  return (performance.now() - t0) / 1000
}

async function measure(prisma: Db, districtId: number, units: Unit[], days: number, loadSeconds: number): Promise<Phase> {
  const count = async (sql: string) => Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(sql))[0]!.n)
  const w = () => ({ db: prisma, effects: new Effects(), now: MORNING })
  const t0 = performance.now()
  await inTransaction(prisma, (tx) => settleCheckins({ db: tx, effects: new Effects(), now: MORNING }, districtId), { timeoutMs: 600_000 })
  const settleSeconds = (performance.now() - t0) / 1000
  const period = previousPeriod('daily', MORNING)
  // Counts alone, then counts + text + chart (what a scheduled digest does), each unit in turn as the timers would.
  const countsT: number[] = []
  const c0 = performance.now()
  for (const u of units) {
    const s = performance.now()
    await digestFor(w(), u, period)
    countsT.push(performance.now() - s)
  }
  const countsTotal = (performance.now() - c0) / 1000
  const t: number[] = []
  const d = await peakRss(async () => {
    const s0 = performance.now()
    for (const u of units) {
      const s = performance.now()
      await digestWithChart(w(), u, period)
      t.push(performance.now() - s)
    }
    return (performance.now() - s0) / 1000
  })
  t.sort((a, b) => a - b)
  countsT.sort((a, b) => a - b)
  // As the timers run them: each unit's digest job in its transaction (the 08:00 occurrence of the default policy),
  // then the chart job after commit (counts again, ECharts SVG, PNG).
  await prisma.$executeRawUnsafe(`DELETE FROM "DigestRun"`)
  const cycle = Math.floor(MORNING.getTime() / 60_000)
  const txT: number[] = []
  const chartT: number[] = []
  for (const u of units) {
    const s = performance.now()
    await inTransaction(prisma, async (tx) => {
      const e = new Effects()
      await runDigestOccurrence(tx, e, MORNING, u.id, 0, cycle)
      await writeOutbox(tx, e.posts, MORNING)
    })
    txT.push(performance.now() - s)
    const c = performance.now()
    await digestChartPng(await digestFor(w(), u, period))
    chartT.push(performance.now() - c)
  }
  await prisma.$executeRawUnsafe(`DELETE FROM "OutboxMessage"`)
  const scheduled = {
    txTotalSeconds: txT.reduce((a, b) => a + b, 0) / 1000,
    chartTotalSeconds: chartT.reduce((a, b) => a + b, 0) / 1000,
    txP99: percentile(
      txT.sort((a, b) => a - b),
      99,
    ),
    txMax: txT.at(-1) ?? NaN,
    chartP99: percentile(
      chartT.sort((a, b) => a - b),
      99,
    ),
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-bench-ledger-'))
  const file = path.join(dir, 'ledger.xlsx')
  const month = '2026-10'
  const l = await peakRss(async () => {
    const s = performance.now()
    const r = await exportLedger(prisma, { month, file, now: MORNING })
    return { seconds: (performance.now() - s) / 1000, rows: r.rows }
  })
  const bytes = statSync(file).size
  rmSync(dir, { recursive: true, force: true })
  // Of which: reading the month's records and making the rows (no file written).
  const r0 = performance.now()
  await ledgerSheets(
    { db: prisma, effects: new Effects(), now: MORNING },
    { districtId, root: { id: districtId, path: `/${districtId}/`, name: '' } },
    monthPeriod(month)!,
    { settle: false },
  )
  const readSeconds = (performance.now() - r0) / 1000
  return {
    days,
    checkins: await count(`SELECT count(*) AS n FROM "Checkin"`),
    tasks: await count(`SELECT count(*) AS n FROM "Task"`),
    hazards: await count(`SELECT count(*) AS n FROM "Hazard"`),
    hours: await count(`SELECT count(*) AS n FROM "VolunteerEntry"`),
    loadSeconds,
    settleSeconds,
    digests: {
      units: units.length,
      totalSeconds: d.value,
      p50: percentile(t, 50),
      p99: percentile(t, 99),
      max: t.at(-1) ?? NaN,
      countsTotalSeconds: countsTotal,
      countsP99: percentile(countsT, 99),
      peakRssMb: d.peakMb,
    },
    scheduled,
    ledger: { month, seconds: l.value.seconds, readSeconds, rows: l.value.rows, bytes, peakRssMb: l.peakMb },
  }
}

export async function benchDigests(opts: { checkins: number }): Promise<DigestFigures> {
  const stores = await benchStores(24)
  const prisma = stores.db.prisma
  try {
    const report = await importOrg(prisma, generateDistrict({ towns: 15, communities: 109, grids: 1034 }))
    const districtId = report.districtId
    const units = (await prisma.unit.findMany({
      where: { kind: { not: 'grid' }, rooms: { some: { wxRoomId: { not: null } } } },
      orderBy: { id: 'asc' },
    })) as Unit[]
    const supervised = units.length ? units : ((await prisma.unit.findMany({ where: { kind: { not: 'grid' } }, orderBy: { id: 'asc' } })) as Unit[])
    const perDay = opts.checkins / 90
    // The first 7 days of the 90 end a week before END: the baseline's digests are of a day with data in it.
    const loadBase = await load(prisma, districtId, perDay, 83, 90)
    const baseline = await measure(prisma, districtId, supervised, 7, loadBase)
    const loadRest = await load(prisma, districtId, perDay, 0, 83)
    const full = await measure(prisma, districtId, supervised, 90, loadRest)
    return { baseline, full }
  } finally {
    await stores.stop()
  }
}

const s = (n: number) => `${n.toFixed(2)} s`
const ms = (n: number) => `${n.toFixed(0)} ms`
const int = (n: number) => n.toLocaleString('en-US')

export function digestSection(f: DigestFigures): string {
  const row = (label: string, pick: (p: Phase) => string, target = '') => `| ${label} | **${pick(f.full)}** | ${pick(f.baseline)} | ${target} |`
  return `## Digests and the 台账 at district scale (issue #11)

The generated district (1 district, 15 towns, 109 communities, 1,034 grids) with ${int(f.full.checkins)} check-ins over 90 days,
${int(f.full.tasks)} tasks, ${int(f.full.hazards)} hazards and ${int(f.full.hours)} volunteer entries (bench/digests.bench.ts; loaded with
INSERT … SELECT, ${s(f.full.loadSeconds + f.baseline.loadSeconds)}), on PostgreSQL with fsync on. "All supervisor digests" is each of the
${f.full.digests.units} units above the grids getting its 日报 of the day before, one after the other as the timers run them: counts, text
and chart PNG. The ledger is the whole district's October (a full month) as .xlsx. Baseline: the same measurements in the same
run after the first 7 days of data only. Peak RSS is this Node process's (PostgreSQL's own memory not counted).

| | 90 days | baseline: 7 days | target |
|---|---|---|---|
${row('all supervisor digests (counts + text + chart), total', (p) => s(p.digests.totalSeconds), '≤ 10 s')}
${row('one digest, p50', (p) => ms(p.digests.p50))}
${row('one digest, p99', (p) => ms(p.digests.p99), '≤ 200 ms')}
${row('one digest, slowest (the district)', (p) => ms(p.digests.max))}
${row('counts alone: total / p99', (p) => `${s(p.digests.countsTotalSeconds)} / ${ms(p.digests.countsP99)}`)}
${row('peak RSS while digesting', (p) => `${p.digests.peakRssMb} MB`)}
${row("as scheduled: the digest job's transaction (claim, counts, text, outbox), total / p99 / slowest", (p) => `${s(p.scheduled.txTotalSeconds)} / ${ms(p.scheduled.txP99)} / ${ms(p.scheduled.txMax)}`)}
${row('as scheduled: the chart job after commit (counts again + SVG + PNG), total / p99', (p) => `${s(p.scheduled.chartTotalSeconds)} / ${ms(p.scheduled.chartP99)}`)}
${row('台账 of one month, whole district (.xlsx)', (p) => s(p.ledger.seconds), '≤ 15 s')}
${row('of which reading the records and making the rows', (p) => s(p.ledger.readSeconds))}
${row('台账 rows (签到 / 任务 / 隐患 / 志愿 / 积分)', (p) => ['签到', '任务', '隐患', '志愿', '积分'].map((k) => int(p.ledger.rows[k] ?? 0)).join(' / '))}
${row('台账 file size', (p) => `${(p.ledger.bytes / 2 ** 20).toFixed(1)} MB`)}
${row('peak RSS while exporting', (p) => `${p.ledger.peakRssMb} MB`)}
${row("settling check-ins' points first (once per export; not in the export time)", (p) => s(p.settleSeconds))}
`
}

export function spliceDigestSection(md: string, section: string): string {
  const head = '## Digests and the 台账 at district scale'
  const at = md.indexOf(head)
  if (at < 0) return `${md.trimEnd()}\n\n${section}`
  const next = md.indexOf('\n## ', at + head.length)
  return `${md.slice(0, at)}${section}${next < 0 ? '' : `\n${md.slice(next + 1)}`}`
}
