// The sweeper: PostgreSQL says which timers must exist; Redis may have lost them (a flush, a crash, a lost add).
// Normally it repairs only timers more than a minute late; when its marker key is gone from Redis (a flush) it
// restores every pending timer at once.
import type { Redis } from 'ioredis'
import type { Clock } from '../../core/clock.ts'
import type { Scheduler, TimerRequest } from '../../core/ports.ts'
import type { Logger } from '../../core/logger.ts'
import type { Counters } from '../../core/metrics.ts'
import type { Db } from '../../db/client.ts'
import { taskRepo } from './task.repo.ts'

export const LATE_MS = 60_000
const BATCH = 500
const PARALLEL = 32

export interface SweepDeps {
  prisma: Db
  redis: Redis
  keyPrefix: string
  scheduler: Scheduler
  clock: Clock
  log: Logger
  counters: Counters
}

const markerKey = (prefix: string) => `${prefix}:timers:swept`

/** True when Redis has forgotten our marker: it was flushed (or is new), so timers may be missing. */
export async function redisForgot(d: Pick<SweepDeps, 'redis' | 'keyPrefix'>): Promise<boolean> {
  return (await d.redis.exists(markerKey(d.keyPrefix))) === 0
}

export async function sweep(d: SweepDeps): Promise<{ checked: number; repaired: number; full: boolean }> {
  const marker = markerKey(d.keyPrefix)
  const full = (await d.redis.exists(marker)) === 0
  const before = full ? null : new Date(d.clock.now().getTime() - LATE_MS)
  let checked = 0
  let repaired = 0
  let afterId = 0
  for (;;) {
    const rows = await taskRepo.pendingTimers(d.prisma, before, BATCH, afterId)
    if (!rows.length) break
    afterId = rows[rows.length - 1]!.id
    const wanted: TimerRequest[] = []
    for (const t of rows) {
      if (t.nextEscalationAt) wanted.push({ kind: 'escalate', taskId: t.id, cycle: t.escalationCycle, step: t.escalationLevel + 1, dueAt: t.nextEscalationAt })
      if (t.nextReminderAt) wanted.push({ kind: 'remind', taskId: t.id, cycle: t.escalationCycle, step: t.remindersSent, dueAt: t.nextReminderAt })
    }
    for (let i = 0; i < wanted.length; i += PARALLEL) {
      const done = await Promise.all(wanted.slice(i, i + PARALLEL).map((t) => d.scheduler.ensure(t)))
      repaired += done.filter(Boolean).length
    }
    checked += wanted.length
  }
  await d.redis.set(marker, d.clock.now().toISOString())
  if (repaired) {
    d.counters.inc('sweeper.repaired', repaired)
    d.log.warn({ repaired, checked, full }, 'sweeper re-created lost timers')
  }
  return { checked, repaired, full }
}
