// The sweeper as the app runs it: the capabilities' timers, then the inbox and outbox, then (at most hourly) retention.
import type { Queue } from 'bullmq'
import type { Clock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Env } from '../config/env.ts'
import { redeliver } from '../domain/inbox/redelivery.ts'
import { runRetention } from '../domain/retention/retention.service.ts'
import type { InboundQueues } from '../jobs/inbound.ts'
import { cleanFinishedJobs } from '../jobs/job-retention.ts'
import type { QueueEnv } from '../jobs/queues.ts'
import { sweep } from '../kernel/timers/sweeper.ts'
import type { QueueOutbox } from '../outbound/outbox.ts'
import type { PipelineDeps } from '../pipeline/deps.ts'
import { timerSources } from './capability-wiring.ts'
import type { SweepResult } from './core.ts'

/** Retention runs with the sweeper, at most this often per process. */
const RETENTION_EVERY_MS = 3_600_000

export function createSweeper(a: {
  env: Env
  deps: PipelineDeps
  queueEnv: QueueEnv
  outbox: QueueOutbox
  inbound: InboundQueues
  queues: () => Promise<Queue[]>
  clock: Clock
  log: Logger
}): (opts?: { full?: boolean }) => Promise<SweepResult> {
  const { env: e, deps, outbox, inbound, queues, clock, log } = a
  const sweepDeps = { ...deps, redis: a.queueEnv.connection, keyPrefix: e.GRIDBOT_QUEUE_PREFIX, sources: timerSources(clock) }
  const redeliverAfterMs = e.GRIDBOT_REDELIVER_AFTER_MS
  let retainedAt = 0
  const retention = async () => {
    if (clock.now().getTime() - retainedAt < RETENTION_EVERY_MS) return
    retainedAt = clock.now().getTime()
    const cleanJobs = async (before: Date) => cleanFinishedJobs(await queues(), before, clock.now().getTime())
    await runRetention(
      { prisma: deps.prisma, log, counters: deps.counters, days: e.GRIDBOT_RETENTION_DAYS, checkinMonths: e.GRIDBOT_CHECKIN_RETENTION_MONTHS, cleanJobs },
      clock.now(),
    ).catch((err: unknown) => log.warn({ err }, 'retention failed; tried again at the next sweep after an hour'))
  }
  // Timers, then the inbox and outbox: after a flush (the marker gone) every pending row at once.
  return async (opts: { full?: boolean } = {}) => {
    // Timers first; but whatever a timer source does, the inbox and outbox are swept too: a message never waits on
    // a timer that could not be repaired.
    const r = await sweep(sweepDeps, opts).catch((err: unknown) => {
      log.error({ err }, 'timer sweep failed; redelivering anyway')
      return { checked: 0, repaired: 0, full: true }
    })
    await redeliver(
      {
        prisma: deps.prisma,
        clock,
        log,
        counters: deps.counters,
        resend: (m, key) => outbox.resend(m, key),
        requeue: (msg) => inbound.requeue(msg),
        afterMs: redeliverAfterMs,
      },
      r.full,
    )
    await retention()
    return r
  }
}
