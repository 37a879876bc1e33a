// The hazard timers the timers queue runs.
import { timerHandler, type TimerDeps } from '../../kernel/timers/timer-step.ts'
import { runDuplicateTimeout, runHazardEscalation, runVerifyStep } from './hazard-escalation.service.ts'

export const hazardTimerHandlers = (deps: TimerDeps) => ({
  hazard_escalate: timerHandler(deps, 'hazard_escalate', (tx, e, now, d) => runHazardEscalation(tx, e, now, d.subjectId, d.cycle, d.step)),
  hazard_verify: timerHandler(deps, 'hazard_verify', (tx, e, now, d) => runVerifyStep(tx, e, now, d.subjectId, d.cycle, d.step, deps.events)),
  hazard_duplicate: timerHandler(deps, 'hazard_duplicate', (tx, e, now, d) => runDuplicateTimeout(tx, e, now, d.subjectId, d.cycle, deps.events)),
})
