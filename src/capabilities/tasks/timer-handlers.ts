// The task timers: escalation steps and reminders before a deadline.
import { timerHandler, type TimerDeps } from '../../kernel/timers/timer-step.ts'
import { runEscalation, runReminder } from './escalation.service.ts'

export type { TimerDeps }

export const escalateHandler = (deps: TimerDeps) =>
  timerHandler(deps, 'escalate', (tx, e, now, d) => runEscalation(tx, e, now, d.subjectId, d.cycle, d.step, deps.events))

export const remindHandler = (deps: TimerDeps) => timerHandler(deps, 'remind', (tx, e, now, d) => runReminder(tx, e, now, d.subjectId, d.cycle, d.step))
