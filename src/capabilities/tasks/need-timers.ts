// The need timers: what a need row says must be pending (the sweeper's source: a flushed Redis gets them back), and
// the handler the timers queue runs.
import type { TimerRequest } from '../../core/ports.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { timerHandler, type TimerDeps } from '../../kernel/timers/timer-step.ts'
import { NEED_TIMER, runNeedEscalation } from './need-clock.service.ts'
import { taskRepo } from './task.repo.ts'

export const needTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await taskRepo.pendingNeedTimers(db, before, take, afterId)
    if (!rows.length) return null
    const timers: TimerRequest[] = rows.flatMap((n) =>
      n.nextEscalationAt ? [{ kind: NEED_TIMER, subjectId: n.id, cycle: n.escalationCycle, step: n.escalationLevel + 1, dueAt: n.nextEscalationAt }] : [],
    )
    return { lastId: rows.at(-1)?.id ?? afterId, timers }
  },
}

export const needEscalateHandler = (deps: TimerDeps) =>
  timerHandler(deps, NEED_TIMER, (tx, e, now, d) => runNeedEscalation(tx, e, now, d.subjectId, d.cycle, d.step))
