// The sweeper: PostgreSQL says which timers must exist (each kind of record is a timer source: tasks, hazards …);
// Redis may have lost them (a flush, a crash, a lost add).
// Normally it repairs only timers more than a minute late; when its marker key is gone from Redis (a flush) it
// restores every pending timer at once.
// A sweep that straddles a flush must not write the marker back: the marker it found (or, for a full sweep, the
// 'sweeping' placeholder it left) is only overwritten if it still exists (SET … XX). Otherwise the process that ran
// that sweep may die before its flush watch looks (a worker killed and restarted just after a FLUSHALL), and the
// next worker would see the marker, sweep only timers a minute late, and leave the flushed ones pending for minutes.
import type { RedisClient } from '../../jobs/redis-client.ts'
import type { Clock } from '../../core/clock.ts'
import type { Scheduler, TimerRequest } from '../../core/ports.ts'
import type { Logger } from '../../core/logger.ts'
import type { Counters } from '../../core/metrics.ts'
import type { Db, DbOrTx } from '../../db/client.ts'

export const LATE_MS = 60_000
const BATCH = 500
const PARALLEL = 32

/** A kind of record with timers: the timers that should be pending, a batch at a time in id order. */
export interface TimerSource {
  /** Records whose timers are due before `before` (null: every pending one), ids above `afterId`, at most `take`. */
  pending(db: DbOrTx, before: Date | null, take: number, afterId: number): Promise<{ lastId: number; timers: TimerRequest[] } | null>
}

export interface SweepDeps {
  prisma: Db
  redis: RedisClient
  keyPrefix: string
  scheduler: Scheduler
  clock: Clock
  log: Logger
  counters: Counters
  sources: TimerSource[]
}

const markerKey = (prefix: string) => `${prefix}:timers:swept`
/** A full sweep's placeholder outlives a process killed mid-sweep by this much (then the next sweep is full again). */
const SWEEPING_TTL_SECONDS = 600

/** `full`: every pending timer, whatever the marker says (the flush watch saw Redis forget). */
export async function sweep(d: SweepDeps, opts: { full?: boolean } = {}): Promise<{ checked: number; repaired: number; full: boolean }> {
  const marker = markerKey(d.keyPrefix)
  // A full sweep leaves a placeholder at once (NX: a marker already there is kept), so a flush during it is seen.
  const full = opts.full === true || (await d.redis.exists(marker)) === 0
  if (full) await d.redis.set(marker, 'sweeping', 'EX', SWEEPING_TTL_SECONDS, 'NX')
  const before = full ? null : new Date(d.clock.now().getTime() - LATE_MS)
  let checked = 0
  let repaired = 0
  for (const source of d.sources) {
    // One kind of record failing to list its timers must not keep the others (or the inbox sweep after) from running.
    try {
      let afterId = 0
      for (;;) {
        const batch = await source.pending(d.prisma, before, BATCH, afterId)
        if (!batch) break
        afterId = batch.lastId
        const wanted = batch.timers
        for (let i = 0; i < wanted.length; i += PARALLEL) {
          const done = await Promise.all(wanted.slice(i, i + PARALLEL).map((t) => d.scheduler.ensure(t)))
          repaired += done.filter(Boolean).length
        }
        checked += wanted.length
      }
    } catch (err) {
      d.counters.inc('sweeper.source_failed')
      d.log.error({ err }, 'a timer source failed; the others are swept')
    }
  }
  // XX: written only over the marker (or placeholder) there at the start; gone means Redis was flushed meanwhile.
  const kept = await d.redis.set(marker, d.clock.now().toISOString(), 'XX')
  if (kept === null) d.log.warn('Redis was flushed during the sweep: the marker is left out, so the next sweep is full')
  if (repaired) {
    d.counters.inc('sweeper.repaired', repaired)
    d.log.warn({ repaired, checked, full }, 'sweeper re-created lost timers')
  }
  return { checked, repaired, full }
}
