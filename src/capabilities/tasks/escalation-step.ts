// What a woken escalation or reminder job should do, decided from the task's row alone: pure and table-tested.
// Jobs carry only ids; a duplicated, retried or stale job must never post twice.
import type { EscalationKind } from '../../kernel/escalation/schedule.ts'
import { stepDecision, type StepDecision } from '../../kernel/escalation/step.ts'
import type { Task } from './task.types.ts'

type EscalationRow = Pick<Task, 'status' | 'deadline' | 'escalationCycle' | 'escalationKind' | 'escalationLevel' | 'lastEscalatedAt'>

/** The cycle's kind while its condition still holds (still unclaimed / still overdue), else null. */
export function liveKind(task: EscalationRow, now: Date): EscalationKind | null {
  const kind = task.escalationKind as EscalationKind | null
  if (kind === 'unclaimed') return task.status === 'open' ? kind : null
  if (kind === 'overdue') return task.status === 'claimed' && task.deadline && task.deadline.getTime() <= now.getTime() ? kind : null
  return null
}

/**
 * Step `level` of cycle `cycle`: post it when it is the next one; post again (same keys, deduplicated downstream)
 * when an earlier run of it committed within the repost window and may have died before posting; otherwise stale.
 */
export function escalationStep(task: EscalationRow | null, cycle: number, level: number, now: Date): StepDecision {
  return stepDecision(task && { ...task, live: !!liveKind(task, now) }, cycle, level, now)
}

export type ReminderDecision = 'stale' | 'post' | 'reschedule'

/** Reminder `index` of cycle `cycle`: post it when it is the next; when a later one is due, make sure it is scheduled. */
export function reminderStep(
  task: Pick<Task, 'status' | 'deadline' | 'escalationCycle' | 'remindersSent' | 'nextReminderAt'> | null,
  cycle: number,
  index: number,
): ReminderDecision {
  if (!task || task.escalationCycle !== cycle || task.status !== 'claimed' || !task.deadline) return 'stale'
  if (task.remindersSent === index) return 'post'
  return task.remindersSent > index && task.nextReminderAt ? 'reschedule' : 'stale'
}
