// 排行: points earned in a period (Asia/Shanghai months, quarters, years), read from the monthly rollups kept
// beside the ledger. Rankings never shame: a member sees their own rank; a group sees the top 10 and, separately,
// its units — raw and per registered cadre, so a small grid is not punished for being small; the org policy can
// turn the member list off — for a unit and everything under it, wherever the ranking is read.
import { entry } from '../../core/match-group.ts'
import { forReports } from '../../db/read-replica.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type MemberWithUnit, type Unit, type UnitKind } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { periodOf, type PeriodKind } from './points-rules.ts'
import { resolvePointsPolicy } from './points-policy.ts'
import { pointsPolicyFor, refuse, settleCheckins } from './points.service.ts'
import { pointsRepo } from './points.repo.ts'
import { rankTexts } from './points.texts.ts'
import type { RankRow } from './points.types.ts'

export const SCOPE_WORDS: Record<string, UnitKind> = {
  网格: 'grid',
  社区: 'community',
  村: 'community',
  镇: 'town',
  街道: 'town',
  镇街: 'town',
  全区: 'district',
  区: 'district',
}
const TOP = 10

/** The unit a ranking covers: the room's unit, or its ancestor of the kind asked for. */
async function scopeUnit(w: Work, roomUnit: Unit, word: string | null): Promise<Unit> {
  if (!word) return roomUnit
  const kind = entry(SCOPE_WORDS, word)
  if (roomUnit.kind === kind) return roomUnit
  const up = (await orgRepo.ancestors(w.db, roomUnit)).find((u) => u.kind === kind)
  if (!up) throw refuse('RANK_SCOPE', rankTexts.badScope(word, roomUnit.name))
  return up
}

/**
 * Units whose members are not listed by name in any ranking: `memberRankings: false` on the unit or on a unit above
 * it. A ranking read in a group above them still counts their points for their unit, and each member still sees
 * their own rank.
 */
async function unlistedUnits(w: Work, districtId: number): Promise<Set<number>> {
  const units = await orgRepo.unitsOfDistrict(w.db, districtId)
  const byId = new Map(units.map((u) => [u.id, u]))
  const off = new Set<number>()
  for (const u of units) {
    const chain = u.path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(Number(id))?.policy)
    if (!resolvePointsPolicy(chain).memberRankings) off.add(u.id)
  }
  return off
}

export interface Ranking {
  scope: Unit
  periodLabel: string
  /** null when the policy keeps member rankings off. */
  top: RankRow[] | null
  own: { rank: number | null; centi: number; total: number }
  units: { name: string; centi: number; cadres: number }[]
}

export async function ranking(w: Work, a: { member: MemberWithUnit; roomUnit: Unit; period: PeriodKind; scopeWord: string | null }): Promise<Ranking> {
  const settled = await settleCheckins(w, districtOf(a.roomUnit))
  // The totals read from the replica when DATABASE_READ_URL is set, unless this unit of work has just settled points
  // (the replica has not got them yet).
  const db = settled ? w.db : forReports(w.db)
  const scope = await scopeUnit(w, a.roomUnit, a.scopeWord)
  const period = periodOf(a.period, w.now)
  const [members, policy, children] = await Promise.all([
    pointsRepo.memberTotals(db, scope.path, period.months),
    pointsPolicyFor(w.db, scope),
    orgRepo.children(w.db, scope.id),
  ])
  // Equal points share a rank (1, 2, 2, 4).
  const rankOf = (centi: number) => members.filter((m) => m.centi > centi).length + 1
  const mine = members.find((m) => m.memberId === a.member.id)
  const own = { rank: mine ? rankOf(mine.centi) : null, centi: mine?.centi ?? 0, total: members.length }
  let top: RankRow[] | null = null
  if (policy.memberRankings) {
    const unlisted = await unlistedUnits(w, districtOf(scope))
    const first = members.filter((m) => !unlisted.has(m.unitId)).slice(0, TOP)
    const names = new Map(
      (
        await orgRepo.membersByIds(
          w.db,
          first.map((m) => m.memberId),
        )
      ).map((m) => [m.id, m.name]),
    )
    top = first.map((m) => ({ id: m.memberId, name: names.get(m.memberId) ?? '', centi: m.centi, rank: rankOf(m.centi) }))
  }
  let units: Ranking['units'] = []
  if (children.length) {
    const [totals, cadres] = await Promise.all([pointsRepo.unitTotals(db, scope.path, period.months), pointsRepo.cadreCounts(db, scope.path)])
    units = children.map((c) => ({
      name: c.name,
      centi: totals.filter((t) => t.path.startsWith(c.path)).reduce((s, t) => s + t.centi, 0),
      cadres: cadres.filter((t) => t.path.startsWith(c.path)).reduce((s, t) => s + t.n, 0),
    }))
    const perCadre = (u: (typeof units)[number]) => (u.cadres ? u.centi / u.cadres : -1)
    units.sort((x, y) => perCadre(y) - perCadre(x) || y.centi - x.centi)
  }
  return { scope, periodLabel: period.label, top, own, units }
}

export function rankingText(r: Ranking): string {
  const parts = [rankTexts.head(r.scope.name, r.periodLabel)]
  if (r.top === null) parts.push(rankTexts.membersOff())
  else parts.push(r.top.length ? rankTexts.members(r.top) : rankTexts.noPoints())
  parts.push(rankTexts.own(r.own.rank, r.own.centi, r.own.total))
  if (r.units.length) parts.push(rankTexts.units(r.units.slice(0, 20)))
  return parts.join('\n')
}
