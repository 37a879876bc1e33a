// A need's clock (issue #22): a need nobody screened (a resident's, 待网格确认) or nobody turned into a task climbs
// the tree on the needs' clock (policy `escalation.needs`, default 3 days a level): level 0 in its own group @-ing
// the unit's cadres (never the person who raised it), then one unit up per period @-ing that unit's supervisors.
// 采纳 starts a fresh cycle (the need now waits to be turned into a task); made a task or closed, it stops, and the
// rooms it reached are told. A job carries only ids; the step is claimed with a conditional update (posts once).
import type { Effects } from '../../core/effects.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { unitContext, type UnitContext } from '../../kernel/org/unit-context.ts'
import { stepDecision } from '../../kernel/escalation/step.ts'
import { escalationDueAt } from '../../kernel/escalation/schedule.ts'
import { clockOf } from '../../kernel/escalation/clock.ts'
import { runClimbStep } from '../../kernel/escalation/climb-step.ts'
import { tellReachedRooms } from '../../kernel/escalation/reached-rooms.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import { taskRepo, WAITING_NEED } from './task.repo.ts'
import { needClockTexts } from './need-clock.texts.ts'
import type { Need } from './task.types.ts'

export const NEED_TIMER = 'need_escalate'

/** The fields that start a need's clock at `base` (recorded, accepted, or open again after its task was cancelled). */
export function startNeedClock(need: Pick<Need, 'id' | 'escalationCycle'>, base: Date, ctx: UnitContext, effects: Effects) {
  const cycle = need.escalationCycle + 1
  const clock = clockOf({ kind: 'need' }, ctx.policy)
  const nextEscalationAt = escalationDueAt({ kind: 'unclaimed', base, level: 0, lastAt: null, clock, quietHours: ctx.policy.quietHours })
  effects.schedule({ kind: NEED_TIMER, subjectId: need.id, cycle, step: 0, dueAt: nextEscalationAt })
  return { escalationCycle: cycle, escalationLevel: -1, escalationBase: base, lastEscalatedAt: null, nextEscalationAt, escalatedRoomIds: [] as number[] }
}

/** Starts the clock of a need just written (its row re-read, so the cycle is the stored one). */
export async function restartNeedClock(db: DbOrTx, effects: Effects, needId: number, base: Date) {
  const need = await taskRepo.needById(db, needId)
  const unit = need && (await orgRepo.unitById(db, need.unitId))
  if (!need || !unit) return
  await taskRepo.needClockStep(db, need.id, { escalationCycle: need.escalationCycle }, startNeedClock(need, base, await unitContext(db, unit), effects))
}

/**
 * The need no longer waits (accepted, made a task, closed): the rooms its climb reached hear what became of it.
 * The timers left do nothing (the status or the cycle says so); the next cycle, if any, empties the list of rooms.
 */
export async function tellNeedReached(db: DbOrTx, effects: Effects, need: Need, text: (unitName: string) => string, what: string, exceptRoomId: number) {
  if (!need.escalatedRoomIds.length) return
  const unit = await orgRepo.unitById(db, need.unitId)
  await tellReachedRooms(db, effects, need, text(unit?.name ?? ''), `need-${what}`, exceptRoomId)
}

/** Step `level` of cycle `cycle`, decided from the row alone: while the need still waits. */
export function needClockStep(
  n: Pick<Need, 'status' | 'escalationCycle' | 'escalationLevel' | 'lastEscalatedAt'> | null,
  cycle: number,
  level: number,
  now: Date,
) {
  return stepDecision(n && { ...n, live: WAITING_NEED.includes(n.status) }, cycle, level, now)
}

export async function runNeedEscalation(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number, level: number): Promise<StepOutcome> {
  const n = await taskRepo.needById(db, id)
  const decision = needClockStep(n, cycle, level, now)
  const unit = n && decision !== 'stale' ? await orgRepo.unitById(db, n.unitId) : null
  if (decision === 'stale' || !n || !unit) return 'stale'
  const ctx = await unitContext(db, unit)
  // Its description masked before it is shortened (a phone cut in half would escape the mask), in every group.
  const shown = { ...n, description: maskPersonalData(n.description) }
  return runClimbStep({
    db,
    effects,
    now,
    decision,
    timer: { kind: NEED_TIMER, subjectId: id, cycle, level },
    keyPrefix: 'need-esc',
    item: { ...n, raiserId: n.reporterId },
    unit,
    chain: ctx.chain,
    policy: ctx.policy,
    clock: clockOf({ kind: 'need' }, ctx.policy),
    cadres: () => orgRepo.membersIn(db, [unit.id], ['grid_cadre']),
    nudge: (waited) => needClockTexts.nudge(shown, waited),
    escalated: (lv, waited) => needClockTexts.escalated(shown, { level: lv, unitName: unit.name, waited }),
    claim: (step) => taskRepo.needClockStep(db, id, { escalationCycle: cycle, escalationLevel: level - 1 }, step),
    record: () => Promise.resolve(),
  })
}
