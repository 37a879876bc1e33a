// The escalation engine's one step function: what a woken escalation job should do, decided from the record's
// escalation state alone (pure, table-tested). Jobs carry only ids; a duplicated, retried or stale job never posts twice.

/** A repost of a step this recent is a retry after a crash between commit and post (the outbox dedupes it). */
export const REPOST_WINDOW_MS = 15 * 60_000

export type StepDecision = 'stale' | 'repost' | 'post'

/** Where a record that climbs the tree stands: the same fields on tasks, projects, hazards and notices. */
export interface EscalationState {
  /** Bumped whenever a new cycle starts: timers of an older cycle do nothing. */
  escalationCycle: number
  /** The last level posted (-1: none yet). */
  escalationLevel: number
  lastEscalatedAt: Date | null
}

/**
 * The same decision for any record that climbs the tree (tasks, hazards): `live` says whether what it waits for
 * still holds (still unclaimed, still unacknowledged …).
 */
export function stepDecision(row: (EscalationState & { live: boolean }) | null, cycle: number, level: number, now: Date): StepDecision {
  if (!row || row.escalationCycle !== cycle || !row.live) return 'stale'
  if (row.escalationLevel === level - 1) return 'post'
  if (row.escalationLevel !== level) return 'stale'
  return row.lastEscalatedAt && now.getTime() - row.lastEscalatedAt.getTime() <= REPOST_WINDOW_MS ? 'repost' : 'stale'
}
