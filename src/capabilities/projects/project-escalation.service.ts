// Unclaimed projects climb the tree on the tasks' engine (escalation-step.ts, escalationDueAt, maxLevel, quiet
// hours) at the projects' own pace (policies.projects.escalation): level 0 in the project's own group @-ing the
// cadres of its subtree, then one unit up per period @-ing that unit's supervisors. A job carries only ids; the
// handler re-reads the project and claims its step with a conditional update, so it never posts twice.
import type { Effects } from '../../core/effects.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { stepDecision } from '../../kernel/escalation/step.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import { clockOf } from '../../kernel/escalation/clock.ts'
import { runClimbStep } from '../../kernel/escalation/climb-step.ts'
import { projectContext } from './project.service.ts'
import { projectRepo } from './project.repo.ts'
import { projectTexts } from './project.texts.ts'
import type { Project } from './project.types.ts'

/** The cadres a level-0 nudge @-s: grid cadres of the project's subtree (the young cadres who 领题), at most this many. */
const MAX_NUDGED = 20

/** Step `level` of cycle `cycle`, decided from the row alone: while the project waits for someone to claim it. */
export function projectEscalationStep(
  p: Pick<Project, 'status' | 'escalationCycle' | 'escalationLevel' | 'lastEscalatedAt'> | null,
  cycle: number,
  level: number,
  now: Date,
) {
  return stepDecision(p && { ...p, live: p.status === 'open' }, cycle, level, now)
}

export async function runProjectEscalation(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number, level: number): Promise<StepOutcome> {
  const p = await projectRepo.byId(db, id)
  const decision = projectEscalationStep(p, cycle, level, now)
  if (decision === 'stale' || !p) return 'stale'
  const unit = await orgRepo.unitById(db, p.unitId)
  if (!unit) return 'stale'
  const ctx = await projectContext(db, unit)
  return runClimbStep({
    db,
    effects,
    now,
    decision,
    timer: { kind: 'project_escalate', subjectId: id, cycle, level },
    keyPrefix: 'pj-esc',
    item: { ...p, raiserId: p.creatorId },
    unit,
    chain: ctx.chain,
    policy: ctx.policy,
    clock: clockOf({ kind: 'project' }, ctx.policy),
    cadres: async () => {
      const subtree = await orgRepo.subtree(db, unit)
      const cadres = await orgRepo.membersIn(
        db,
        subtree.map((u) => u.id),
        ['grid_cadre'],
      )
      return cadres.slice(0, MAX_NUDGED)
    },
    nudge: (waited) => projectTexts.unclaimedNudge(p, waited),
    escalated: (lv, waited) => projectTexts.escalated(p, { level: lv, unitName: unit.name, waited }),
    claim: (step) => projectRepo.transition(db, id, { escalationCycle: cycle, escalationLevel: level - 1 }, step),
    record: (roomId) =>
      projectRepo.addEvent(db, { projectId: id, at: now, kind: 'escalated', level, roomId, note: roomId === null ? projectTexts.noRoomEvent() : null }),
  })
}
