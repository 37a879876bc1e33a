// What the timers queue runs, for every kind of record: each step in its own transaction, its posts written to the
// outbox with the step's own change (claimed and posted, or neither), the posts and next timers released after commit.
import type { Clock } from '../../core/clock.ts'
import { Effects } from '../../core/effects.ts'
import type { Logger } from '../../core/logger.ts'
import type { Counters } from '../../core/metrics.ts'
import type { MediaStore, Outbox, Scheduler } from '../../core/ports.ts'
import type { Db, DbOrTx } from '../../db/client.ts'
import { inTransaction } from '../../db/transaction.ts'
import { writeOutbox } from '../outbox/outbox.service.ts'
import type { Publisher } from '../work.ts'

export interface TimerDeps {
  prisma: Db
  outbox: Outbox
  scheduler: Scheduler
  clock: Clock
  log: Logger
  counters: Counters
  /** Where files a timer makes (a digest's chart) are kept. */
  media: MediaStore
  /** The domain events a step may publish (webhooks hear of escalations, SLAs missed, digests); absent in bare tests. */
  events?: Publisher
}

/** What a timer job carries: the record's id, the timer cycle it belongs to, and its step. */
export interface TimerStep {
  subjectId: number
  cycle: number
  step: number
}

export type StepOutcome = 'posted' | 'reposted' | 'stale'

export async function runTimerStep(deps: TimerDeps, name: string, run: (tx: DbOrTx, effects: Effects, now: Date) => Promise<StepOutcome>) {
  const effects = new Effects()
  const now = deps.clock.now()
  const outcome = await inTransaction(deps.prisma, async (tx) => {
    const o = await run(tx, effects, now)
    await writeOutbox(tx, effects.posts, now)
    return o
  })
  await effects.flush(deps.outbox, deps.scheduler)
  deps.counters.inc(`${name}.${outcome}`)
  return outcome
}

/** A timer handler: runs one step of one record in its own unit of work. */
export const timerHandler =
  (deps: TimerDeps, name: string, run: (tx: DbOrTx, effects: Effects, now: Date, d: TimerStep) => Promise<StepOutcome>) => (d: TimerStep) =>
    runTimerStep(deps, name, (tx, e, now) => run(tx, e, now, d))
