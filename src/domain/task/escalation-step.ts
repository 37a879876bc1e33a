// What a woken escalation or reminder job should do, decided from the task's row alone: pure and table-tested.
// Jobs carry only ids; a duplicated, retried or stale job must never post twice.
import type { EscalationKind } from './policy.ts'
import type { Task } from './task.types.ts'

/** A repost of a step this recent is a retry after a crash between commit and post (the outbox dedupes it). */
export const REPOST_WINDOW_MS = 15 * 60_000

export type StepDecision = 'stale' | 'repost' | 'post'

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

/**
 * The same decision for any record that climbs the tree (tasks, hazards): `live` says whether what it waits for
 * still holds (still unclaimed, still unacknowledged …).
 */
export function stepDecision(
  row: { escalationCycle: number; escalationLevel: number; lastEscalatedAt: Date | null; live: boolean } | null,
  cycle: number,
  level: number,
  now: Date,
): StepDecision {
  if (!row || row.escalationCycle !== cycle || !row.live) return 'stale'
  if (row.escalationLevel === level - 1) return 'post'
  if (row.escalationLevel !== level) return 'stale'
  return row.lastEscalatedAt && now.getTime() - row.lastEscalatedAt.getTime() <= REPOST_WINDOW_MS ? 'repost' : 'stale'
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
