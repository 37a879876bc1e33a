// Reminders to those signed up (the evening before, an hour before: policy): the sweeper's source and the handler.
// A step is claimed on the activity's row (remindStep) so a repeated job posts once; the next step is scheduled.
import { jobId } from '../../core/ids.ts'
import type { Effects } from '../../core/effects.ts'
import type { TimerRequest } from '../../core/ports.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { timerHandler, type StepOutcome, type TimerDeps } from '../../kernel/timers/timer-step.ts'
import { activityRepo } from './activity.repo.ts'
import { activityTexts } from './activity.texts.ts'
import { ACTIVITY_KEY, REMIND_TIMER, SERIES_TIMER } from './activity.types.ts'
import { LEAD_MS, runSeriesOccurrence, seriesCycle } from './series.service.ts'
import { activityPolicyFor, nextReminder, reminderTimes } from './activity-policy.ts'
import { must } from '../../core/must.ts'

export const activityTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await activityRepo.remindersDue(db, before, take, afterId)
    if (!rows.length) return null
    const timers: TimerRequest[] = rows.map((a) => ({
      kind: REMIND_TIMER,
      subjectId: a.id,
      cycle: 0,
      step: a.remindStep,
      dueAt: must(a.nextRemindAt, 'ACTIVITY_NO_REMIND_AT'),
    }))
    return { lastId: must(rows.at(-1), 'TIMER_ROWS_EMPTY').id, timers }
  },
}

/** Series: the occurrence's activity is due LEAD_MS before it starts. */
export const seriesTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await activityRepo.seriesDue(db, before ? new Date(before.getTime() + LEAD_MS) : null, take, afterId)
    if (!rows.length) return null
    const timers: TimerRequest[] = rows.map((s) => {
      const nextAt = must(s.nextAt, 'SERIES_NO_NEXT_AT')
      return { kind: SERIES_TIMER, subjectId: s.id, cycle: seriesCycle(nextAt), step: 0, dueAt: new Date(nextAt.getTime() - LEAD_MS) }
    })
    return { lastId: must(rows.at(-1), 'TIMER_ROWS_EMPTY').id, timers }
  },
}

export async function runReminder(db: DbOrTx, effects: Effects, now: Date, id: number, step: number): Promise<StepOutcome> {
  const a = await activityRepo.byId(db, id)
  if (a?.status !== 'open') return 'stale'
  const unit = must(await orgRepo.unitById(db, a.unitId), 'UNIT_MISSING')
  const policy = await activityPolicyFor(db, unit)
  const next = nextReminder(a.startsAt, now, policy, step + 1)
  if (!(await activityRepo.claimReminder(db, id, step, next?.at ?? null))) return 'stale'
  if (next) effects.schedule({ kind: REMIND_TIMER, subjectId: id, cycle: 0, step: next.step, dueAt: next.at })
  const last = step === reminderTimes(a.startsAt, policy).length - 1
  const byRoom = new Map<number, string[]>()
  for (const s of (await activityRepo.signups(db, id)).filter((x) => x.status === 'signed')) byRoom.set(s.roomId, [...(byRoom.get(s.roomId) ?? []), s.wxid])
  for (const [roomId, wxids] of byRoom) {
    const room = await orgRepo.roomById(db, roomId)
    if (room?.wxRoomId)
      effects.post(
        { accountId: room.accountId, roomId: room.wxRoomId, text: activityTexts.reminder(a, last && policy.hoursBefore > 0), mentionIds: wxids },
        jobId(ACTIVITY_KEY, 'remind', id, step, roomId),
      )
  }
  return 'posted'
}

export const activityTimerHandlers = (deps: TimerDeps) => ({
  [REMIND_TIMER]: timerHandler(deps, REMIND_TIMER, (tx, e, now, d) => runReminder(tx, e, now, d.subjectId, d.step)),
  [SERIES_TIMER]: timerHandler(deps, SERIES_TIMER, (tx, e, now, d) => runSeriesOccurrence(tx, e, now, d.subjectId, d.cycle)),
})
