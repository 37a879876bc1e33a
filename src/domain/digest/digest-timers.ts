// The digest timer the timers queue runs (one occurrence of a unit's 日报, 周报 or 月报).
import { timerHandler, type TimerDeps } from '../timers/timer-step.ts'
import { runDigestOccurrence } from './digest-schedule.service.ts'

export const digestTimerHandlers = (deps: TimerDeps) => ({
  digest: timerHandler(deps, 'digest', (tx, e, now, d) => runDigestOccurrence(tx, e, deps.media, now, d.subjectId, d.step, d.cycle)),
})
