// The sweeper: PostgreSQL says which timers must exist (each kind of record is a timer source: tasks, hazards …);
// Redis may have lost them (a flush, a crash, a lost add).
// Normally it repairs only timers more than a minute late; when its marker key is gone from Redis (a flush) it
// restores every pending timer at once.
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

/** `full`: every pending timer, whatever the marker says (the flush watch saw Redis forget). */
export async function sweep(d: SweepDeps, opts: { full?: boolean } = {}): Promise<{ checked: number; repaired: number; full: boolean }> {
  const marker = markerKey(d.keyPrefix)
  const full = opts.full === true || (await d.redis.exists(marker)) === 0
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
  await d.redis.set(marker, d.clock.now().toISOString())
  if (repaired) {
    d.counters.inc('sweeper.repaired', repaired)
    d.log.warn({ repaired, checked, full }, 'sweeper re-created lost timers')
  }
  return { checked, repaired, full }
}
