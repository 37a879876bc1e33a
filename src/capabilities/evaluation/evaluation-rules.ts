// Pure rules of cadre evaluation, table-tested in test/unit/evaluation-rules.test.ts: the score (the policy's weights
// times what was done, capped), who is evaluated, who may see whose score, and who may grade whom.
import type { Role } from '../../kernel/org/org.types.ts'
import { isAtOrAbove } from '../../kernel/org/authority.ts'
import { EVALUATION_INPUTS, type EvaluationPolicy } from './evaluation-policy.ts'
import { GRADES, type EvaluationInputs, type Grade } from './evaluation.types.ts'
import { GRADE_ALIASES } from './grades.texts.ts'

/** Σ weight × input (each input capped where the policy caps it), to one decimal. An acknowledgement rate not yet
 *  known (no notices) adds nothing. */
export function scoreOf(inputs: EvaluationInputs, policy: EvaluationPolicy): number {
  let total = 0
  for (const k of EVALUATION_INPUTS) {
    const raw = inputs[k]
    if (raw === null) continue
    const cap = policy.caps[k]
    total += policy.weights[k] * (cap === undefined ? raw : Math.min(raw, cap))
  }
  return Math.round(total * 10) / 10
}

interface Person {
  id: number
  role: Role
  unitId: number
  unit: { path: string }
}

const leads = (m: Pick<Person, 'role'>) => m.role === 'supervisor' || m.role === 'admin'

/** Cadres are evaluated: grid cadres and supervisors (volunteers and admins are not). */
export const isEvaluated = (m: Pick<Person, 'role'>) => m.role === 'grid_cadre' || m.role === 'supervisor'

/**
 * A score is shown to the cadre themself and to supervisors above them: a supervisor (or admin) of the cadre's unit
 * or a unit above it — but not a fellow supervisor of the same unit, and never someone of a sibling subtree.
 */
export function mayViewScore(viewer: Person, subject: Person): boolean {
  if (viewer.id === subject.id) return true
  if (!leads(viewer) || !isAtOrAbove(viewer.unit, subject.unit)) return false
  return !(leads(subject) && subject.unitId === viewer.unitId)
}

export type GradeRefusal = 'GRADE_SELF' | 'GRADE_NOT_SUPERVISOR' | 'GRADE_OUTSIDE' | 'GRADE_PEER' | 'GRADE_NOT_CADRE'

/** Who may grade whom: a supervisor above the cadre; never oneself, a fellow supervisor of one's unit, or a sibling subtree. */
export function mayGrade(grader: Person, subject: Person): { ok: true } | { ok: false; code: GradeRefusal } {
  if (grader.id === subject.id) return { ok: false, code: 'GRADE_SELF' }
  if (!leads(grader)) return { ok: false, code: 'GRADE_NOT_SUPERVISOR' }
  if (!isEvaluated(subject)) return { ok: false, code: 'GRADE_NOT_CADRE' }
  if (!isAtOrAbove(grader.unit, subject.unit)) return { ok: false, code: 'GRADE_OUTSIDE' }
  if (leads(subject) && subject.unitId === grader.unitId) return { ok: false, code: 'GRADE_PEER' }
  return { ok: true }
}

/** 优秀 / 良好 / 合格 / 不合格 as typed (优 / 良 / 及格 too); null when it is none of them. */
export function parseGrade(word: string): Grade | null {
  const w = word.trim()
  if ((GRADES as readonly string[]).includes(w)) return w as Grade
  return GRADE_ALIASES[w] ?? null
}

/** Rows in the order tables show them: by unit (the tree's order), then name — never by score (no ranking). */
export function tableOrder<T extends { unitPath: string; name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.unitPath.localeCompare(b.unitPath) || a.name.localeCompare(b.name, 'zh'))
}
