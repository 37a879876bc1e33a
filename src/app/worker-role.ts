// The worker role (stateless, any number): the inbound shards' workers, the timers worker with every capability's
// timer kinds, and the sweeper's schedule kept alive across Redis flushes.
import { FlushWatch } from '../jobs/flush-watch.ts'
import { startInboundWorkers } from '../jobs/inbound.ts'
import { startTimersWorker } from '../jobs/timers.ts'
import { timerHandlers } from './capability-wiring.ts'
import { RATE_SUMMARY_TIMER, sendDueSummaries } from '../pipeline/rate-summary.ts'
import type { AppCore } from './core.ts'

/** How often workers check whether Redis was flushed. */
const FLUSH_CHECK_MS = 5_000

export interface WorkerRole {
  keepAlive: NodeJS.Timeout | null
  flushWatch: FlushWatch | null
}

export async function startWorkerRole(app: AppCore): Promise<WorkerRole> {
  const { o, log, deps, inbound, queueEnv, timers, metrics, workers } = app
  // PGlite is one connection in this process: more concurrency only queues up behind it.
  const concurrency = o.concurrency ?? o.env.GRIDBOT_WORKER_CONCURRENCY ?? (o.infra.db.kind === 'pglite' ? 1 : 16)
  const lockMs = o.env.GRIDBOT_JOB_LOCK_MS
  await inbound.keepOrder()
  workers.push(...startInboundWorkers(queueEnv, inbound.shards, app.dispatch, { concurrency, log, lockMs, batch: o.env.GRIDBOT_INBOUND_BATCH }))
  workers.push(
    startTimersWorker(
      queueEnv,
      { ...timerHandlers(deps), sweep: () => app.sweepNow(), [RATE_SUMMARY_TIMER]: () => sendDueSummaries(deps) },
      {
        concurrency: Math.min(concurrency, 8),
        log,
        lockMs,
        // In virtual time a timer runs when the simulator gets there: its wall-clock lateness means nothing.
        lateness: o.virtualTime ? undefined : (kind, seconds) => metrics.timerLateness.observe({ kind }, seconds),
      },
    ),
  )
  const role: WorkerRole = { keepAlive: null, flushWatch: null }
  if (!o.virtualTime) {
    // The sweeper runs every minute as a BullMQ job scheduler. A Redis flush would erase that schedule too, so
    // each worker also checks every few seconds whether Redis forgot everything, re-creates the schedule, and
    // sweeps at once: pending escalations are back within seconds, not minutes.
    await timers.upsertSweeper(o.env.GRIDBOT_SWEEP_EVERY_MS)
    const watch = new FlushWatch(queueEnv.connection, o.env.GRIDBOT_QUEUE_PREFIX)
    await watch.arm()
    role.flushWatch = watch
    const keepAlive = async () => {
      if (!(await watch.forgot())) return
      log.warn(
        { nodes: watch.forgotten },
        'Redis forgot its jobs (flushed or restarted empty; on a cluster, perhaps one master alone): the sweeper schedule is re-created and every pending row swept',
      )
      await timers.upsertSweeper(o.env.GRIDBOT_SWEEP_EVERY_MS)
      await app.sweepNow({ full: true })
    }
    role.keepAlive = setInterval(() => void keepAlive().catch((err) => log.warn({ err: err.message }, 'sweeper keep-alive failed')), FLUSH_CHECK_MS)
  }
  log.info({ concurrency }, 'worker started')
  return role
}
