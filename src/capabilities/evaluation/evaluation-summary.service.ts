// #评价 汇总 [本季]: how many cadres of each unit under the room's unit hold each grade (优秀/良好/合格/不合格) for the
// period, and how many are not graded yet — one line per unit one level down (the room unit's own cadres as 本级).
// Counts only, for supervisors over the room's unit in its own group: never a ranking of people.
import { refuser } from '../../core/errors.ts'
import { isSupervisorOver } from '../../kernel/org/authority.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { BoundRoom, MemberWithUnit } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { evaluationSummaryRepo } from './evaluation-summary.repo.ts'
import { summaryTexts, type GradeCounts } from './evaluation-summary.texts.ts'
import { evaluationTexts } from './evaluation.texts.ts'
import { GRADES, type Grade } from './evaluation.types.ts'
import { periodKey, type Period } from './periods.ts'

const refuse = refuser<'EVALUATION_GRID_ROOM' | 'EVALUATION_ROOM_ABOVE'>('evaluation')
const empty = (name: string): GradeCounts => ({ name, counts: Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>, ungraded: 0 })

export async function gradeSummary(w: Work, a: { viewer: MemberWithUnit; room: BoundRoom; period: Period }) {
  const unit = a.room.unit
  if (unit.kind === 'grid') throw refuse('EVALUATION_GRID_ROOM', evaluationTexts.gridRoom())
  if (!isSupervisorOver(a.viewer, unit)) throw refuse('EVALUATION_ROOM_ABOVE', evaluationTexts.roomAbove(unit.name))
  const [children, grades, cadres] = await Promise.all([
    orgRepo.children(w.db, unit.id),
    evaluationSummaryRepo.gradesUnder(w.db, unit.path, periodKey(a.period)),
    evaluationSummaryRepo.cadresUnder(w.db, unit.path),
  ])
  const own = empty(summaryTexts.own)
  const rows = new Map(children.map((c) => [c.path, empty(c.name)]))
  const rowOf = (path: string) => [...rows.entries()].find(([p]) => path.startsWith(p))?.[1] ?? own
  const graded = new Set<number>()
  for (const g of grades) {
    if (!(GRADES as readonly string[]).includes(g.grade)) continue
    rowOf(g.path).counts[g.grade as Grade]++
    graded.add(g.memberId)
  }
  for (const c of cadres) if (!graded.has(c.memberId)) rowOf(c.path).ungraded++
  const lines = [...(own.ungraded || GRADES.some((g) => own.counts[g]) ? [own] : []), ...rows.values()]
  const total = empty('')
  for (const l of lines) {
    for (const g of GRADES) total.counts[g] += l.counts[g]
    total.ungraded += l.ungraded
  }
  return { lines, total, cadres: cadres.length }
}
