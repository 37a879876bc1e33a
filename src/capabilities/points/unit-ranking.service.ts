// 比学赶超: units of one level (网格, 社区, 街道) under the room's unit compared over a period — points per registered
// grid cadre (so a small grid is not punished for being small), check-ins, tasks and hazards completed, needs met,
// notices acknowledged. Units only: never a ranking of people by evaluation score.
import { must } from '../../core/must.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { cityDistricts } from '../../kernel/org/org.service.ts'
import { districtOf, type MemberWithUnit, type Unit, type UnitKind } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { periodOf, type PeriodKind } from './points-rules.ts'
import { pointsRepo } from './points.repo.ts'
import { settleCheckins } from './points.service.ts'
import { unitRankingRepo } from './unit-ranking.repo.ts'
import { forReports } from '../../db/read-replica.ts'
import type { UnitRankLine } from './unit-ranking.texts.ts'

const DEPTH: Record<UnitKind, number> = { city: -1, district: 0, town: 1, community: 2, grid: 3 }

/** "#排行 网格" in a group above the grids ranks the grids; in a grid's group it still means that grid's own ranking. */
export const ranksLevelBelow = (roomUnit: Pick<Unit, 'kind'>, level: UnitKind | null): level is UnitKind => !!level && DEPTH[level] > DEPTH[roomUnit.kind]

type Counted = { path: string }
/** The id of the target unit a row's unit lies under (its path holds the target's id), or null. */
const targetOf = (targets: Set<number>, path: string) =>
  path
    .split('/')
    .map(Number)
    .find((id) => targets.has(id)) ?? null

function addUp<R extends Counted>(lines: Map<number, UnitRankLine>, rows: R[], add: (line: UnitRankLine, row: R) => void) {
  const targets = new Set(lines.keys())
  for (const r of rows) {
    const id = targetOf(targets, r.path)
    if (id !== null) add(must(lines.get(id), 'RANK_LINE_MISSING'), r) // targets are the lines' keys
  }
}

/** Points per cadre first (units without cadres last), then check-ins, then work completed; equal scores share a rank. */
export function rankLines(lines: UnitRankLine[]): UnitRankLine[] {
  const key = (r: UnitRankLine): [number, number, number] => [r.cadres ? r.centi / r.cadres : -1, r.checkins, r.tasks + r.hazards + r.needs]
  const cmp = (a: UnitRankLine, b: UnitRankLine) => {
    const [[x1, x2, x3], [y1, y2, y3]] = [key(a), key(b)]
    return y1 - x1 || y2 - x2 || y3 - x3
  }
  const sorted = [...lines].sort((a, b) => cmp(a, b) || a.name.localeCompare(b.name, 'zh', { numeric: true }))
  const out: UnitRankLine[] = []
  let prev: UnitRankLine | undefined
  for (const [i, r] of sorted.entries()) {
    prev = { ...r, rank: prev && cmp(prev, r) === 0 ? prev.rank : i + 1 }
    out.push(prev)
  }
  return out
}

export async function unitRanking(w: Work, a: { roomUnit: Unit; asker: MemberWithUnit; level: UnitKind; period: PeriodKind }) {
  // A city's group (issue #26) ranks its districts' units: their check-ins' points are settled too.
  for (const id of [districtOf(a.roomUnit), ...(await cityDistricts(w.db, a.roomUnit.id)).map((d) => d.id)]) await settleCheckins(w, id)
  const period = periodOf(a.period, w.now)
  const prefix = a.roomUnit.path
  // The counts read from the replica when DATABASE_READ_URL is set; the points, just settled in this unit of work, not.
  const reports = forReports(w.db)
  const targets = (await orgRepo.subtree(w.db, a.roomUnit)).filter((u) => u.kind === a.level)
  const lines = new Map<number, UnitRankLine>(
    targets.map((u) => [
      u.id,
      { rank: 0, name: u.name, own: a.asker.unit.path.startsWith(u.path), cadres: 0, centi: 0, checkins: 0, tasks: 0, hazards: 0, needs: 0, sent: 0, acked: 0 },
    ]),
  )
  const [points, cadres, checkins, tasks, hazards, needs, acks] = await Promise.all([
    pointsRepo.unitTotals(w.db, prefix, period.months),
    pointsRepo.cadreCounts(w.db, prefix),
    unitRankingRepo.checkins(reports, prefix, period.from, period.to),
    unitRankingRepo.tasksDone(reports, prefix, period.from, period.to),
    unitRankingRepo.hazardsResolved(reports, prefix, period.from, period.to),
    unitRankingRepo.needsMet(reports, prefix, period.from, period.to),
    unitRankingRepo.acks(reports, prefix, period.from, period.to),
  ])
  addUp(lines, points, (l, r) => (l.centi += r.centi))
  addUp(lines, cadres, (l, r) => (l.cadres += r.n))
  addUp(lines, checkins, (l, r) => (l.checkins += r.n))
  addUp(lines, tasks, (l, r) => (l.tasks += r.n))
  addUp(lines, hazards, (l, r) => (l.hazards += r.n))
  addUp(lines, needs, (l, r) => (l.needs += r.n))
  addUp(lines, acks, (l, r) => {
    l.sent += r.sent
    l.acked += r.acked
  })
  return { periodLabel: period.label, lines: rankLines([...lines.values()]) }
}
