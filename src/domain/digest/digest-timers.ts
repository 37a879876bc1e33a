// The digest timers the timers queue runs: one occurrence of a unit's 日报, 周报 or 月报, or of a grid's check-in reminder.
import { timerHandler, type TimerDeps } from '../timers/timer-step.ts'
import { runDigestOccurrence } from './digest-schedule.service.ts'
import { runCheckinReminder } from './checkin-reminder.service.ts'

export const digestTimerHandlers = (deps: TimerDeps) => ({
  digest: timerHandler(deps, 'digest', (tx, e, now, d) => runDigestOccurrence(tx, e, deps.media, now, d.subjectId, d.step, d.cycle)),
  checkin_reminder: timerHandler(deps, 'checkin_reminder', (tx, e, now, d) => runCheckinReminder(tx, e, now, d.subjectId, d.cycle)),
})
