// The timers notice rows say must be pending (the SLA step or the escalation step of a notice, the next occurrence
// of a schedule): the sweeper's sources, so a Redis flush loses no SLA deadline and no scheduled occurrence.
import type { TimerRequest } from '../../core/ports.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { noticeRepo } from './notice.repo.ts'
import { occurrenceCycle } from './notice-schedule.service.ts'
import { STEP_ESCALATE, STEP_SLA } from './notice.types.ts'

export const noticeTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await noticeRepo.pendingTimers(db, before, take, afterId)
    const last = rows.at(-1)
    if (!last) return null
    const timers: TimerRequest[] = []
    for (const n of rows) {
      if (!n.nextEscalationAt) continue
      const step = n.escalationLevel + 1 // the step due next
      if (step === STEP_SLA) timers.push({ kind: 'notice_sla', subjectId: n.id, cycle: 0, step: STEP_SLA, dueAt: n.nextEscalationAt })
      if (step === STEP_ESCALATE) timers.push({ kind: 'notice_escalate', subjectId: n.id, cycle: 0, step: STEP_ESCALATE, dueAt: n.nextEscalationAt })
    }
    return { lastId: last.id, timers }
  },
}

export const noticeScheduleTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await noticeRepo.pendingSchedules(db, before, take, afterId)
    const last = rows.at(-1)
    if (!last) return null
    const timers: TimerRequest[] = rows.flatMap((s) =>
      s.nextAt ? [{ kind: 'notice_schedule', subjectId: s.id, cycle: occurrenceCycle(s.nextAt), step: 0, dueAt: s.nextAt }] : [],
    )
    return { lastId: last.id, timers }
  },
}
