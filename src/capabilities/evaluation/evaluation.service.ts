// 月度评价 · 季度考核 · 年度评定: a table per cadre built from the records the bot already has, scored with the org
// policy's weights (policies.evaluation, the weights in force at each cadre's unit), and the supervisors' grades
// with their audit trail. Scores are shown to the cadre and to supervisors above, ordered by unit — never ranked.
import { must } from '../../core/must.ts'
import { refuser } from '../../core/errors.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { unitNamed as kernelUnitNamed } from '../../kernel/org/org.service.ts'
import { districtOf, type BoundRoom, type MemberWithUnit, type Unit } from '../../kernel/org/org.types.ts'
import { sixProgress } from '../../kernel/six.ts'
import { isSupervisorOver } from '../../kernel/org/authority.ts'
import type { Work } from '../../kernel/work.ts'
import { noticeAckRates, type AckRateSource } from './evaluation-inputs.ts'
import { resolveEvaluationPolicy, type EvaluationPolicy } from './evaluation-policy.ts'
import { isEvaluated, mayGrade, mayViewScore, scoreOf, tableOrder, type GradeRefusal } from './evaluation-rules.ts'
import { evaluationRepo } from './evaluation.repo.ts'
import { evaluationTexts } from './evaluation.texts.ts'
import type { EvaluationRow, Grade } from './evaluation.types.ts'
import { periodKey, yearToDate, type Period } from './periods.ts'

/** Every refusal evaluation answers with (tests assert these; its texts module words them). */
export type EvaluationRefusalCode =
  | GradeRefusal
  | 'EVALUATION_GRID_ROOM'
  | 'EVALUATION_NOT_CADRE'
  | 'EVALUATION_NOT_YOURS'
  | 'EVALUATION_ROOM_ABOVE'
  | 'EVALUATION_UNKNOWN_UNIT'
  | 'GRADE_AMBIGUOUS'
  | 'GRADE_DENIED'
  | 'GRADE_GRID_ROOM'
  | 'GRADE_ROOM_ABOVE'
  | 'GRADE_UNKNOWN_MEMBER'
  | 'GRADE_NOT_REGISTERED'
const refuse = refuser<EvaluationRefusalCode>('evaluation')

/** The evaluation policy in force at each unit of a district (its ancestors' blocks merged down to it). */
async function policiesOf(w: Work, districtId: number): Promise<(unitId: number) => EvaluationPolicy> {
  const units = await orgRepo.unitsOfDistrict(w.db, districtId)
  const district = await orgRepo.unitById(w.db, districtId)
  const byId = new Map([...units, ...(district ? [district] : [])].map((u) => [u.id, u]))
  const cache = new Map<number, EvaluationPolicy>()
  return (unitId) => {
    let p = cache.get(unitId)
    if (!p) {
      const chain = (byId.get(unitId)?.path ?? '')
        .split('/')
        .filter(Boolean)
        .map((id) => byId.get(Number(id))?.policy)
      p = resolveEvaluationPolicy(chain)
      cache.set(unitId, p)
    }
    return p
  }
}

/** Every evaluated cadre of the units given, with what they did in the period, their score and their grade. */
export async function evaluateCadres(w: Work, a: { districtId: number; units: Unit[]; period: Period }, ackRates: AckRateSource = noticeAckRates) {
  const cadres = (
    await evaluationRepo.cadresIn(
      w.db,
      a.units.map((u) => u.id),
    )
  ).filter(isEvaluated)
  const ids = cadres.map((c) => c.id)
  const { from, to } = a.period
  const year = yearToDate(a.period)
  const [checkins, tasks, projects, hazards, minutes, six, acks, grades, organised, attended] = await Promise.all([
    evaluationRepo.checkins(w.db, ids, from, to),
    evaluationRepo.tasksDone(w.db, ids, from, to),
    evaluationRepo.projectsDone(w.db, ids, from, to),
    evaluationRepo.hazardsHandled(w.db, ids, from, to),
    evaluationRepo.approvedMinutes(w.db, ids, from, to),
    evaluationRepo.sixRecords(w.db, ids, year.from, year.to),
    ackRates(w, cadres, a.period),
    evaluationRepo.latestGrades(w.db, ids, periodKey(a.period)),
    evaluationRepo.activitiesOrganised(w.db, ids, from, to),
    evaluationRepo.activitiesAttended(w.db, ids, from, to),
  ])
  const graders = new Map((await orgRepo.membersByIds(w.db, [...new Set([...grades.values()].map((g) => g.graderId))])).map((m) => [m.id, m.name]))
  const policyAt = await policiesOf(w, a.districtId)
  const rows: (EvaluationRow & { member: MemberWithUnit })[] = cadres.map((c) => {
    const inputs = {
      checkins: checkins.get(c.id) ?? 0,
      tasks: tasks.get(c.id) ?? 0,
      projects: projects.get(c.id) ?? 0,
      hazards: hazards.get(c.id) ?? 0,
      hours: (minutes.get(c.id) ?? 0) / 60,
      noticeAck: acks.get(c.id) ?? null,
      six: sixProgress(six.filter((s) => s.memberId === c.id)).done.length,
      activitiesOrganised: organised.get(c.id) ?? 0,
      activitiesAttended: attended.get(c.id) ?? 0,
    }
    const g = grades.get(c.id)
    return {
      member: c,
      memberId: c.id,
      name: c.name,
      wxid: c.wxid,
      role: c.role,
      unitId: c.unitId,
      unitName: c.unit.name,
      unitPath: c.unit.path,
      inputs,
      score: scoreOf(inputs, policyAt(c.unitId)),
      grade: g ? { grade: g.grade, graderName: graders.get(g.graderId) ?? '', at: g.at } : null,
    }
  })
  return { rows: tableOrder(rows), policyAt }
}

/** #评价 from a cadre: their own line. */
export async function ownEvaluation(w: Work, member: MemberWithUnit, period: Period) {
  if (!isEvaluated(member)) throw refuse('EVALUATION_NOT_CADRE', evaluationTexts.notEvaluated(member.name))
  const { rows } = await evaluateCadres(w, { districtId: districtOf(member.unit), units: [member.unit], period })
  const mine = rows.find((r) => r.memberId === member.id)
  if (!mine) throw refuse('EVALUATION_NOT_CADRE', evaluationTexts.notEvaluated(member.name))
  return mine
}

/**
 * #评价 from a supervisor: the table of `scope`'s subtree, only rows the viewer may see (themself, cadres below,
 * never a fellow supervisor of their own unit). Never in a grid's group; only in a group of a unit they supervise.
 */
export async function evaluationTable(w: Work, a: { viewer: MemberWithUnit; room: BoundRoom; scope: Unit; period: Period }) {
  if (a.room.unit.kind === 'grid') throw refuse('EVALUATION_GRID_ROOM', evaluationTexts.gridRoom())
  if (!isSupervisorOver(a.viewer, a.scope)) throw refuse('EVALUATION_NOT_YOURS', evaluationTexts.notYours(a.scope.name))
  if (!isSupervisorOver(a.viewer, a.room.unit)) throw refuse('EVALUATION_ROOM_ABOVE', evaluationTexts.roomAbove(a.room.unit.name))
  const units = await orgRepo.subtree(w.db, a.scope)
  const { rows, policyAt } = await evaluateCadres(w, { districtId: districtOf(a.scope), units, period: a.period })
  return { rows: rows.filter((r) => mayViewScore(a.viewer, r.member)), policy: policyAt(a.scope.id) }
}

/** A unit by name, for #评价 … 华府社区: of the room's district, or in a city's group of any of its districts (#26). */
export async function unitNamed(w: Work, room: BoundRoom, name: string): Promise<Unit> {
  const u = await kernelUnitNamed(w, room, name)
  if (!u) throw refuse('EVALUATION_UNKNOWN_UNIT', evaluationTexts.unknownUnit(name))
  return u
}

/**
 * #评定 张伟 优秀 [11月]: a supervisor above the cadre records their grade for the period. Every grading is a new
 * row (the audit trail: who, when, where, and the grade it replaced); the latest is the grade in force.
 */
export async function gradeCadre(
  w: Work,
  a: { grader: MemberWithUnit; room: BoundRoom; name: string; mentioned: MemberWithUnit[]; grade: Grade; period: Period },
) {
  if (a.room.unit.kind === 'grid') throw refuse('GRADE_GRID_ROOM', evaluationTexts.gradeGridRoom())
  // Like the table: only in a group of a unit the grader supervises (a sibling's people must not read the grade).
  if (!isSupervisorOver(a.grader, a.room.unit)) throw refuse('GRADE_ROOM_ABOVE', evaluationTexts.roomAbove(a.room.unit.name))
  const district = districtOf(a.grader.unit)
  const named = a.mentioned.length ? a.mentioned : await orgRepo.membersByName(w.db, district, a.name)
  if (!named.length) {
    // On the roster but not registered yet: say so (and how many), not "no such member".
    const roster = await orgRepo.unlinkedByName(w.db, district, a.name)
    if (roster.length)
      throw refuse(
        'GRADE_NOT_REGISTERED',
        evaluationTexts.notRegistered(
          a.name,
          roster.map((m) => m.unit.name),
        ),
      )
    throw refuse('GRADE_UNKNOWN_MEMBER', evaluationTexts.unknownMember(a.name))
  }
  const allowed = named.filter((m) => mayGrade(a.grader, m).ok)
  if (allowed.length > 1)
    throw refuse(
      'GRADE_AMBIGUOUS',
      evaluationTexts.ambiguous(
        a.name,
        allowed.map((m) => m.unit.name),
      ),
    )
  const subject = allowed[0]
  if (!subject) {
    const first = must(named[0], 'GRADE_NAMED_MISSING')
    const d = mayGrade(a.grader, first)
    throw refuse(d.ok ? 'GRADE_DENIED' : d.code, d.ok ? '' : evaluationTexts.refusal(d.code, first.name))
  }
  const key = periodKey(a.period)
  const previous = (await evaluationRepo.latestGrades(w.db, [subject.id], key)).get(subject.id)?.grade ?? null
  await evaluationRepo.addGrade(w.db, {
    districtId: district,
    memberId: subject.id,
    period: key,
    grade: a.grade,
    graderId: a.grader.id,
    roomId: a.room.id,
    previous,
    at: w.now,
  })
  return { subject, previous }
}
