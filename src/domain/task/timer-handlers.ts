// What the timers queue runs: each step in its own transaction, its posts and next timers after commit.
import type { Clock } from '../../core/clock.ts'
import { Effects } from '../../core/effects.ts'
import type { Logger } from '../../core/logger.ts'
import type { Counters } from '../../core/metrics.ts'
import type { Outbox, Scheduler } from '../../core/ports.ts'
import type { Db, DbOrTx } from '../../db/client.ts'
import { inTransaction } from '../../db/transaction.ts'
import { writeOutbox } from '../outbox/outbox.service.ts'
import { runEscalation, runReminder, type StepOutcome } from './escalation.service.ts'

export interface TimerDeps {
  prisma: Db
  outbox: Outbox
  scheduler: Scheduler
  clock: Clock
  log: Logger
  counters: Counters
}

async function step(deps: TimerDeps, name: string, run: (tx: DbOrTx, effects: Effects, now: Date) => Promise<StepOutcome>) {
  const effects = new Effects()
  const now = deps.clock.now()
  // What the step posts is written to the outbox with the step's own change: claimed and posted, or neither.
  const outcome = await inTransaction(deps.prisma, async (tx) => {
    const o = await run(tx, effects, now)
    await writeOutbox(tx, effects.posts, now)
    return o
  })
  await effects.flush(deps.outbox, deps.scheduler)
  deps.counters.inc(`${name}.${outcome}`)
  return outcome
}

export function escalateHandler(deps: TimerDeps) {
  return (d: { taskId: number; cycle: number; step: number }) => step(deps, 'escalate', (tx, e, now) => runEscalation(tx, e, now, d.taskId, d.cycle, d.step))
}

export function remindHandler(deps: TimerDeps) {
  return (d: { taskId: number; cycle: number; step: number }) => step(deps, 'remind', (tx, e, now) => runReminder(tx, e, now, d.taskId, d.cycle, d.step))
}
