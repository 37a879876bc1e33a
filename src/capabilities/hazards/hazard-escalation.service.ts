// The hazard timers' work: unacknowledged reports climb the tree (the tasks' engine: same periods, quiet hours and
// levels), resolved ones remind their reporter and then close as verified by timeout, held ones go on as new when
// nobody answers the duplicate question. A job carries only ids; a retried, duplicated or stale job never posts twice.
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { deferQuiet } from '../../kernel/escalation/quiet-hours.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import { finishEscalationStep, type EscalationPost } from '../../kernel/escalation/escalation-tail.ts'
import type { Publisher, Work } from '../../kernel/work.ts'
import { handlersOf, hazardClockItem, tellSubscribers } from './hazard-routing.service.ts'
import { clockOf } from '../../kernel/escalation/clock.ts'
import { levelZeroMentions } from '../../kernel/escalation/level-zero.ts'
import { releaseHeld } from './hazard.service.ts'
import { hazardVerified } from './hazard-events.ts'
import { duplicateWaitDecision, hazardEscalationStep, verifyStepDecision } from './hazard-timers.ts'
import { hazardRepo } from './hazard.repo.ts'
import { hazardTexts } from './hazard.texts.ts'

const work = (db: DbOrTx, effects: Effects, now: Date): Work => ({ db, effects, now })

export async function runHazardEscalation(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number, level: number): Promise<StepOutcome> {
  const h = await hazardRepo.byId(db, id)
  const decision = hazardEscalationStep(h, cycle, level, now)
  if (decision === 'stale' || !h) return 'stale'
  const unit = await orgRepo.unitById(db, h.unitId)
  if (!unit) return 'stale'
  const ctx = await unitContext(db, unit)
  const urgent = h.priority === 'urgent'
  const waited = now.getTime() - (h.escalationBase ?? h.createdAt).getTime()
  const posts: EscalationPost[] = []
  if (level === 0) {
    // Its own group: the report room while screened, else the handling unit's groups.
    const rooms = h.status === 'screening' ? [await orgRepo.roomById(db, h.reportRoomId)] : await orgRepo.roomsOfUnit(db, h.unitId)
    // The unit that must act, never back to whoever reported it (issue #22).
    const handlers = await handlersOf(work(db, effects, now), h.unitId)
    const who = levelZeroMentions({ cadres: handlers, supervisors: [], raiserId: h.reporterMemberId }).map((m) => m.wxid)
    for (const room of rooms)
      if (room?.wxRoomId)
        posts.push({
          roomId: room.id,
          message: toRoom(room, textFor(room.unitId, h.reportUnitId, hazardTexts.unacknowledgedNudge(h, waited)), who, urgent),
          key: jobId('hz-esc', id, cycle, level, room.id),
        })
  } else {
    const target = ctx.chain[ctx.chain.length - 1 - level]
    if (target) {
      const sups = (await orgRepo.membersIn(db, [target.id], ['supervisor'])).map((s) => s.wxid)
      const text = hazardTexts.escalated(h, { level, unitName: unit.name, waitedMs: waited, count: h.reportCount })
      for (const room of await orgRepo.roomsOfUnit(db, target.id))
        posts.push({
          roomId: room.id,
          message: toRoom(room, textFor(room.unitId, h.reportUnitId, text), sups, urgent),
          key: jobId('hz-esc', id, cycle, level, room.id),
        })
    }
  }
  return finishEscalationStep({
    effects,
    now,
    decision,
    timer: { kind: 'hazard_escalate', subjectId: id, cycle, level },
    row: h,
    posts,
    pace: {
      kind: 'unclaimed',
      base: h.escalationBase ?? h.createdAt,
      clock: clockOf(hazardClockItem(h), ctx.policy),
      policy: ctx.policy,
      depth: ctx.chain.length - 1,
    },
    claim: (step) => hazardRepo.transition(db, id, { escalationCycle: cycle, escalationLevel: level - 1 }, step),
    record: (roomId) =>
      hazardRepo.addEvent(db, { hazardId: id, at: now, kind: 'escalated', level, roomId, note: roomId === null ? hazardTexts.noRoomEvent() : null }),
  })
}

/** Step 0: the reporter is reminded to verify; step 1: the report closes as verified by timeout. */
export async function runVerifyStep(
  db: DbOrTx,
  effects: Effects,
  now: Date,
  id: number,
  cycle: number,
  step: number,
  events?: Publisher,
): Promise<StepOutcome> {
  const h = await hazardRepo.byId(db, id)
  if (verifyStepDecision(h, cycle, step) === 'stale' || !h?.resolvedAt) return 'stale'
  const unit = await orgRepo.unitById(db, h.unitId)
  if (!unit) return 'stale'
  const policy = (await unitContext(db, unit)).policy
  const waited = now.getTime() - h.resolvedAt.getTime()
  const w = { ...work(db, effects, now), events }
  if (step === 0) {
    const closeAt = deferQuiet(new Date(h.resolvedAt.getTime() + policy.hazards.verifyCloseMs), false, policy.quietHours)
    if (!(await hazardRepo.transition(db, id, { escalationCycle: cycle, verifyStep: 0, status: 'resolved' }, { verifyStep: 1, nextVerifyAt: closeAt })))
      return 'stale'
    await hazardRepo.addEvent(db, { hazardId: id, at: now, kind: 'verify_reminded' })
    await tellSubscribers(w, h, hazardTexts.verifyReminder(h, waited), jobId('hz-verify', id, cycle, step), null)
    effects.schedule({ kind: 'hazard_verify', subjectId: id, cycle, step: 1, dueAt: closeAt })
    return 'posted'
  }
  const closed = await hazardRepo.transition(
    db,
    id,
    { escalationCycle: cycle, verifyStep: 1, status: 'resolved' },
    { status: 'verified', verifiedHow: 'timeout', closedAt: now, nextVerifyAt: null, escalationCycle: cycle + 1, updatedAt: now },
  )
  if (!closed) return 'stale'
  await hazardRepo.addEvent(db, { hazardId: id, at: now, kind: 'verify_timeout', fromStatus: 'resolved', toStatus: 'verified' })
  await hazardVerified(w, h, 'verified', 'timeout')
  await tellSubscribers(w, h, hazardTexts.verifyTimedOut(h, waited), jobId('hz-verify', id, cycle, step), null)
  return 'posted'
}

/** Nobody answered the duplicate question in time: the report goes on as new (better twice than lost). */
export async function runDuplicateTimeout(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number, events?: Publisher): Promise<StepOutcome> {
  const h = await hazardRepo.byId(db, id)
  if (duplicateWaitDecision(h, cycle) === 'stale' || !h) return 'stale'
  const w = { ...work(db, effects, now), events }
  const key = jobId('hz-dup', id, cycle)
  const live = await releaseHeld(w, h, key, null)
  if (!live) return 'stale'
  await hazardRepo.addEvent(db, {
    hazardId: id,
    at: now,
    kind: 'routed',
    fromStatus: 'pending_duplicate',
    toStatus: live.hazard.status,
    note: hazardTexts.duplicateTimedOut(h),
  })
  const room = await orgRepo.roomById(db, h.reportRoomId)
  if (room?.wxRoomId) effects.post(toRoom(room, hazardTexts.duplicateTimedOut(h), [h.reporterWxid]), key)
  return 'posted'
}
