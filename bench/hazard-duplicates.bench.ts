// Issue #8: the duplicate check with 10,000 open reports over the generated district (text and distance): p99 time
// of a whole new report (the duplicate check, the record, its events and routing posts, in one transaction) and of
// the duplicate check alone, beside a plain insert of a report row as the baseline, on PostgreSQL with fsync on.
// Run alone: node bin/run-ts.js bench/hazards.ts (writes its section of BENCHMARKS.md); `npm run bench` runs it too.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { Effects } from '../src/core/effects.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { inTransaction } from '../src/db/transaction.ts'
import { findDuplicate } from '../src/capabilities/hazards/duplicates.ts'
import { hazardRepo } from '../src/capabilities/hazards/hazard.repo.ts'
import { reportHazard } from '../src/capabilities/hazards/hazard.service.ts'
import { DEFAULT_HAZARD_POLICY } from '../src/capabilities/hazards/hazard-policy.ts'
import { OPEN_STATUSES } from '../src/capabilities/hazards/hazard.types.ts'
import { importOrg } from '../src/app/org-import.ts'
import { orgRepo } from '../src/kernel/org/org.repo.ts'
import { bindRoomsByTopic } from '../src/kernel/org/org.service.ts'
import { linked } from '../src/kernel/org/linked.ts'
import { benchStores, percentile } from './stores.ts'

const CATEGORIES = ['fire', 'electrical', 'gas', 'traffic', 'building', 'public_order', 'environment', 'other']
const PLACES = ['1号楼', '3号楼', '5号楼', '东门', '西门', '南区', '北区', '地下车库', '幼儿园旁', '菜市场', '广场', '路口']
const THINGS = [
  '楼道堆放杂物',
  '电线裸露',
  '燃气管道老化',
  '红绿灯故障',
  '外墙瓷砖脱落',
  '可疑人员徘徊',
  '垃圾堆积',
  '井盖松动',
  '消防栓损坏',
  '电动车违规充电',
]

export interface DuplicateFigures {
  open: number
  reports: number
  report: { p50: number; p99: number }
  check: { p50: number; p99: number }
  baseline: { p50: number; p99: number }
  held: number
}

const rnd = (seed: number) => () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff

export async function benchHazardDuplicates(o: { open: number; reports: number }): Promise<DuplicateFigures> {
  const stores = await benchStores(8)
  const db = stores.db.prisma
  try {
    const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034 })
    await importOrg(db, spec)
    const topics = new Map(spec.rooms.map((r, i) => [r.topic, `bench-room-${i}@chatroom`]))
    await bindRoomsByTopic(db, spec.district, (t) => topics.get(t), new Date())
    const district = (await orgRepo.findDistrict(db, spec.district))!
    const units = await orgRepo.unitsOfDistrict(db, district.id)
    const grids = units.filter((u) => u.kind === 'grid')
    const rand = rnd(7)
    const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)]!
    const now = new Date()
    // 10,000 open reports spread over the grids, their communities and towns, all categories, half with a location.
    const rows = Array.from({ length: o.open }, (_, i) => {
      const grid = pick(grids)
      const target = rand() < 0.4 ? grid.id : (grid.parentId ?? grid.id)
      return {
        districtId: district.id,
        number: i + 1,
        reportUnitId: grid.id,
        reportRoomId: 1,
        unitId: target,
        targetUnitId: target,
        category: pick(CATEGORIES),
        description: `${pick(PLACES)}${pick(THINGS)}${i % 7 === 0 ? ',很危险' : ''}`,
        status: 'reported' as const,
        reporterWxid: `wx-${i}`,
        reporterName: '居民',
        latitude: rand() < 0.5 ? 34.7 + rand() * 0.1 : null,
        longitude: rand() < 0.5 ? 113.6 + rand() * 0.1 : null,
        accountId: 'bench',
        messageId: `seed-${i}`,
        createdAt: new Date(now.getTime() - rand() * 6 * 86_400_000),
        updatedAt: now,
      }
    })
    for (let i = 0; i < rows.length; i += 1000) await db.hazard.createMany({ data: rows.slice(i, i + 1000) })
    await db.shortIdCounter.create({ data: { districtId: district.id, kind: 'H', last: o.open } })
    const rooms = new Map((await orgRepo.roomsOfDistrict(db, district.id)).map((r) => [r.unitId, r]))
    const cadres = linked(await db.member.findMany({ where: { role: 'grid_cadre', unit: { districtId: district.id } }, include: { unit: true } }))

    const report: number[] = []
    const check: number[] = []
    const baseline: number[] = []
    let held = 0
    for (let i = 0; i < o.reports; i++) {
      const m = pick(cadres)
      const room = { ...rooms.get(m.unitId)!, unit: m.unit }
      const description = `${pick(PLACES)}${pick(THINGS)}`
      // The duplicate check alone: the candidates query and the comparison.
      const c0 = performance.now()
      const candidates = await hazardRepo.duplicateCandidates(
        db,
        m.unit.parentId ?? m.unitId,
        pick(CATEGORIES),
        new Date(now.getTime() - DEFAULT_HAZARD_POLICY.duplicateWindowMs),
        0,
        OPEN_STATUSES,
      )
      findDuplicate({ description, latitude: 34.75, longitude: 113.65 }, candidates, DEFAULT_HAZARD_POLICY)
      check.push(performance.now() - c0)
      // The whole report, as #隐患 runs it.
      const t0 = performance.now()
      const r = await inTransaction(db, (tx) =>
        reportHazard(
          { db: tx, effects: new Effects(), now: new Date(), wxid: m.wxid, name: m.name, member: m, room, accountId: 'bench', messageId: `new-${i}` },
          { description, category: null, urgent: false },
        ),
      )
      report.push(performance.now() - t0)
      if (r.kind === 'held') held++
      // Baseline: a plain insert of a report row, in its own transaction.
      const b0 = performance.now()
      await inTransaction(db, (tx) =>
        hazardRepo.create(tx, { ...rows[0]!, number: o.open + o.reports + i + 1, messageId: `base-${i}`, createdAt: new Date(), updatedAt: new Date() }),
      )
      baseline.push(performance.now() - b0)
    }
    const fig = (a: number[]) => {
      const s = [...a].sort((x, y) => x - y)
      return { p50: percentile(s, 50), p99: percentile(s, 99) }
    }
    return { open: o.open, reports: o.reports, report: fig(report), check: fig(check), baseline: fig(baseline), held }
  } finally {
    await stores.stop()
  }
}

export function duplicateSection(f: DuplicateFigures): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`
  return `## Hazard reports: the duplicate check (issue #8)

${f.reports} new reports, one after another, against ${f.open.toLocaleString('en')} open reports over the generated district
(1,159 groups; same unit and category within 7 days, text similarity and distance ≤ 100 m); ${f.held} of them were
held as likely duplicates. Target: p99 ≤ 50 ms per new report — ${f.report.p99 <= 50 ? 'met' : '**not met**'}.

| | p50 | p99 |
|---|---|---|
| whole new report (\`reportHazard\`: duplicate check, record, subscriber, images, event, routing posts, one transaction) | ${ms(f.report.p50)} | **${ms(f.report.p99)}** |
| the duplicate check alone (candidates query + comparison) | ${ms(f.check.p50)} | ${ms(f.check.p99)} |
| baseline: a plain insert of a report row, one transaction | ${ms(f.baseline.p50)} | ${ms(f.baseline.p99)} |
`
}

/** Puts the section into BENCHMARKS.md (replacing an earlier one) without rerunning the other benchmarks. */
export function spliceSection(file: string, section: string, heading: string) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const start = text.indexOf(heading)
  if (start < 0) return writeFileSync(file, `${text.trimEnd()}\n\n${section}`)
  const next = text.indexOf('\n## ', start + heading.length)
  writeFileSync(file, `${text.slice(0, start)}${section}${next < 0 ? '' : text.slice(next + 1)}`)
}
