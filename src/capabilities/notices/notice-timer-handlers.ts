// The notice timers the timers queue runs: the SLA step, the escalation step, and scheduled occurrences.
import { DEFAULT_SEND_PACE, type SendPace } from '../../core/ports.ts'
import { timerHandler, type TimerDeps } from '../../kernel/timers/timer-step.ts'
import { runNoticeEscalation, runNoticeSla } from './notice-escalation.service.ts'
import { runScheduleOccurrence } from './notice-schedule.service.ts'

export const noticeTimerHandlers = (deps: TimerDeps & { pace?: SendPace }) => ({
  notice_sla: timerHandler(deps, 'notice_sla', (tx, e, now, d) => runNoticeSla(tx, e, now, d.subjectId, d.step, deps.events)),
  notice_escalate: timerHandler(deps, 'notice_escalate', (tx, e, now, d) => runNoticeEscalation(tx, e, now, d.subjectId, d.step)),
  notice_schedule: timerHandler(deps, 'notice_schedule', (tx, e, now, d) =>
    runScheduleOccurrence(tx, e, now, deps.pace ?? DEFAULT_SEND_PACE, d.subjectId, d.cycle),
  ),
})
