// When an escalation step or a reminder is due: pure functions of state, policy and time (table-tested).
import type { TaskPolicy } from '../policy/policy.ts'
import { deferQuiet, type QuietHours } from './quiet-hours.ts'
import type { Clock } from './clock.ts'

export type EscalationKind = 'unclaimed' | 'overdue'

/**
 * When level `level` of a cycle is due. Unclaimed work waits one period before level 0 (task created → level 0
 * after one period, level 1 after two …); overdue work starts at the deadline. Never sooner than one period
 * after the previous post (so a deferred step does not bunch the next ones), and out of quiet hours. The period is
 * the item's clock (clock.ts: per kind of item).
 */
export function escalationDueAt(a: { kind: EscalationKind; base: Date; level: number; lastAt: Date | null; clock: Clock; quietHours: QuietHours }): Date {
  const period = a.clock.periodMs
  const offset = a.kind === 'unclaimed' ? 1 : 0
  const planned = a.base.getTime() + (a.level + offset) * period
  const spaced = a.lastAt ? Math.max(planned, a.lastAt.getTime() + period) : planned
  return deferQuiet(new Date(spaced), a.clock.urgent, a.quietHours)
}

/** The highest level a task in a unit at `depth` may reach: its own room is 0, the district's room is `depth`. */
export function maxLevel(depth: number, policy: TaskPolicy): number {
  return policy.levels === undefined ? depth : Math.min(depth, policy.levels)
}

/** The next reminder before a deadline not yet sent and still ahead; skips offsets already in the past. */
export function nextReminder(a: { deadline: Date; sent: number; now: Date; urgent: boolean; policy: TaskPolicy }): { index: number; at: Date } | null {
  for (const [i, offset] of a.policy.remindersMs.entries()) {
    if (i < a.sent) continue
    const at = new Date(a.deadline.getTime() - offset)
    if (at.getTime() > a.now.getTime()) {
      const deferred = deferQuiet(at, a.urgent, a.policy.quietHours)
      // A reminder pushed past the deadline by quiet hours is pointless: the overdue notice comes instead.
      if (deferred.getTime() < a.deadline.getTime()) return { index: i, at: deferred }
    }
  }
  return null
}
