// The project timers: what a project row says must be pending (the sweeper's source), and the handler the timers
// queue runs (registered in main.ts beside the tasks' and hazards').
import type { TimerRequest } from '../../core/ports.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { timerHandler, type TimerDeps } from '../../kernel/timers/timer-step.ts'
import { runProjectEscalation } from './project-escalation.service.ts'
import { projectRepo } from './project.repo.ts'

export const projectTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await projectRepo.pendingTimers(db, before, take, afterId)
    const last = rows.at(-1)
    if (!last) return null
    const timers: TimerRequest[] = rows.flatMap((p) =>
      p.nextEscalationAt
        ? [{ kind: 'project_escalate' as const, subjectId: p.id, cycle: p.escalationCycle, step: p.escalationLevel + 1, dueAt: p.nextEscalationAt }]
        : [],
    )
    return { lastId: last.id, timers }
  },
}

export const projectTimerHandlers = (deps: TimerDeps) => ({
  project_escalate: timerHandler(deps, 'project_escalate', (tx, e, now, d) => runProjectEscalation(tx, e, now, d.subjectId, d.cycle, d.step)),
})
