// The timers a task row says must be pending (its next escalation step, its next reminder): the sweeper's source.
import type { TimerRequest } from '../../core/ports.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { taskRepo } from './task.repo.ts'

export const taskTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await taskRepo.pendingTimers(db, before, take, afterId)
    if (!rows.length) return null
    const timers: TimerRequest[] = []
    for (const t of rows) {
      if (t.nextEscalationAt)
        timers.push({ kind: 'escalate', subjectId: t.id, cycle: t.escalationCycle, step: t.escalationLevel + 1, dueAt: t.nextEscalationAt })
      if (t.nextReminderAt) timers.push({ kind: 'remind', subjectId: t.id, cycle: t.escalationCycle, step: t.remindersSent, dueAt: t.nextReminderAt })
    }
    return { lastId: rows.at(-1)?.id ?? afterId, timers }
  },
}
