// Composition root: stores → queues → dispatcher → workers and gateways. Roles split one process into many:
// `gateway` (owns the WeChat puppets and the paced senders) and `worker` (stateless, any number).
import path from 'node:path'
import type { Queue, Worker } from 'bullmq'
import { systemClock, type Clock } from './core/clock.ts'
import type { Logger } from './core/logger.ts'
import { Counters, Metrics } from './core/metrics.ts'
import type { Env } from './config/env.ts'
import type { Infra } from './infra.ts'
import type { PipelineDeps } from './pipeline/deps.ts'
import { createDispatcher, type Dispatch } from './pipeline/dispatcher.ts'
import { closeRedis, closeWorker, createQueueEnv, reportRedisErrorsTo, type QueueEnv } from './jobs/queues.ts'
import { InboundQueues, startInboundWorkers } from './jobs/inbound.ts'
import { QueueOutbox } from './outbound/outbox.ts'
import { startSender, type Pace } from './outbound/sender.ts'
import type { ChatTransport } from './transport/transport.ts'
import { accountIds, accountPaces } from './domain/org/org.service.ts'
import { commandSet } from './commands/registry.ts'
import { RedisRateLimiter } from './jobs/rate-limiter.ts'
import { TimerQueue, startTimersWorker } from './jobs/timers.ts'
import { escalateHandler, remindHandler } from './domain/task/timer-handlers.ts'
import { sweep } from './domain/timers/sweeper.ts'
import { FlushWatch } from './jobs/flush-watch.ts'
import { taskTimers } from './domain/task/task-timers.ts'
import { hazardTimers } from './domain/hazard/hazard-timers.ts'
import { hazardTimerHandlers } from './domain/hazard/hazard-timer-handlers.ts'
import { projectTimerHandlers, projectTimers } from './domain/project/project-timers.ts'
import { noticeScheduleTimers, noticeTimers } from './domain/notice/notice-timers.ts'
import { noticeTimerHandlers } from './domain/notice/notice-timer-handlers.ts'
import { digestTimers } from './domain/digest/digest-schedule.service.ts'
import { reminderTimers } from './domain/digest/checkin-reminder.service.ts'
import { digestTimerHandlers } from './domain/digest/digest-timers.ts'
import { ledgerExportTimers } from './domain/digest/ledger-export-job.service.ts'
import { digestChartTimers } from './domain/digest/digest-chart-job.service.ts'
import { deliveriesSent, deliveryFailed } from './domain/notice/notice.service.ts'
import { redeliver } from './domain/inbox/redelivery.ts'
import type { InboundMessage } from './core/message.ts'
import { markSent } from './domain/outbox/outbox.service.ts'
import { createReceiver } from './pipeline/receive.ts'
import { SentMarks } from './outbound/sent-marks.ts'

import { OrgCache } from './domain/org/org-cache.ts'
import type { MediaStore } from './core/ports.ts'
import { FileMediaStore } from './storage/file-media-store.ts'
import { markFailed } from './domain/outbox/outbox.service.ts'
import { escalationsDelivered } from './domain/task/escalation-delivery.ts'
import { roomAccounts } from './domain/account/account-status.service.ts'
import { AccountWatch } from './outbound/account-watch.ts'
import { BindingScout } from './outbound/binding-scout.ts'
import type { LinkGate } from './outbound/link-gate.ts'
import { registerQueueMetrics } from './jobs/queue-metrics.ts'
import { registerAccountMetrics } from './transport/account-metrics.ts'
import { registerNoticeSlaMetrics } from './domain/notice/notice-metrics.ts'
import { runRetention } from './domain/retention/retention.service.ts'
import { cleanFinishedJobs } from './jobs/job-retention.ts'
import { AccountLeases } from './outbound/account-lease.ts'
import { stopAccount } from './outbound/stop-account.ts'
import { registerOpsMetrics } from './http/ops-metrics.ts'
import type { GuardedMediaStore } from './storage/media-guard.ts'

/** How often workers check whether Redis was flushed. */
const FLUSH_CHECK_MS = 5_000
/** Retention runs with the sweeper, at most this often per process. */
const RETENTION_EVERY_MS = 3_600_000

export type Role = 'all' | 'gateway' | 'worker'

export interface AppOptions {
  role: Role
  env: Env
  infra: Infra
  log: Logger
  clock?: Clock
  /** Builds the transport for a bot account (WeChat in production, the mock in the simulator). */
  makeTransport?: (accountId: string) => ChatTransport
  /** Accounts this gateway serves; default: every account in the database. */
  accounts?: string[]
  /** Outbound pacing; null turns it off (simulator, benchmarks). */
  pace?: Pace | null
  concurrency?: number
  /** Timers wait for the simulator to promote them instead of firing on the wall clock. */
  virtualTime?: boolean
  /** Where files are kept (received images, exports, charts); default: the data folder's media/. */
  media?: MediaStore
  /** The process's metrics (served on /metrics); default: a registry of the app's own. */
  metrics?: Metrics
}

export interface App {
  deps: PipelineDeps
  queueEnv: QueueEnv
  dispatch: Dispatch
  inbound: InboundQueues
  outbox: QueueOutbox
  transports: ChatTransport[]
  /** The gateway's accounts: states persisted, alerts to the admins' group (null in a worker). */
  accounts: AccountWatch | null
  /** The gateway's groups: binding proposals at login and as groups are joined or renamed (null in a worker). */
  bindings: BindingScout | null
  workers: Worker[]
  timers: TimerQueue
  metrics: Metrics
  /** Every queue of the deployment: the inbound shards, the timers, and each account's outbound queue. */
  queues(): Promise<Queue[]>
  /** Runs the sweeper now (the simulator calls it as virtual minutes pass). */
  sweep(): Promise<{ checked: number; repaired: number; full: boolean }>
  stop(): Promise<void>
}

export async function startApp(o: AppOptions): Promise<App> {
  const log = o.log
  reportRedisErrorsTo(log)
  const queueEnv = createQueueEnv(o.infra.redisUrl, o.env.GRIDBOT_QUEUE_PREFIX)
  const outbox = new QueueOutbox(queueEnv)
  const clock = o.clock ?? systemClock
  const timers = new TimerQueue(queueEnv, clock, o.virtualTime ?? false)
  const metrics = o.metrics ?? new Metrics()
  const deps: PipelineDeps = {
    prisma: o.infra.db.prisma,
    org: new OrgCache(clock),
    commands: commandSet,
    outbox,
    scheduler: timers,
    rateLimiter: new RedisRateLimiter(queueEnv.connection, o.env.GRIDBOT_QUEUE_PREFIX),
    clock,
    log,
    counters: new Counters(metrics),
    rateLimitPerMinute: o.env.GRIDBOT_RATE_LIMIT_PER_MINUTE,
    pace: { messagesPerSec: o.env.GRIDBOT_PACE_PER_SEC, jitterMs: o.env.GRIDBOT_PACE_JITTER_MS },
    media: o.media ?? new FileMediaStore(path.resolve(o.env.GRIDBOT_DATA_DIR, 'media')),
  }
  const sweepDeps = {
    ...deps,
    redis: queueEnv.connection,
    keyPrefix: o.env.GRIDBOT_QUEUE_PREFIX,
    sources: [
      taskTimers,
      hazardTimers,
      projectTimers,
      noticeTimers,
      noticeScheduleTimers,
      digestTimers(clock),
      reminderTimers(clock),
      digestChartTimers,
      ledgerExportTimers,
    ],
  }
  const dispatch = createDispatcher(deps)
  const inbound = new InboundQueues(queueEnv, o.env.GRIDBOT_INBOUND_SHARDS)
  const workers: Worker[] = []
  const transports: ChatTransport[] = []
  const requeue = (msg: InboundMessage) => inbound.add(msg)
  const queues = async (): Promise<Queue[]> => [...inbound.queues, timers.queue, ...(await accountIds(deps.prisma)).sort().map((a) => outbox.queue(a))]
  registerQueueMetrics(metrics, queues)
  registerAccountMetrics(metrics, () => transports)
  registerNoticeSlaMetrics(metrics, deps.prisma, clock)
  const media = deps.media as Partial<GuardedMediaStore>
  registerOpsMetrics(metrics, {
    prisma: deps.prisma,
    clock,
    stores: { database: () => o.infra.db.ping(), redis: () => queueEnv.connection.ping(), media: media.healthy ? () => media.healthy!() : null },
  })
  const redeliverAfterMs = o.env.GRIDBOT_REDELIVER_AFTER_MS
  let retainedAt = 0
  const retention = async () => {
    if (clock.now().getTime() - retainedAt < RETENTION_EVERY_MS) return
    retainedAt = clock.now().getTime()
    const cleanJobs = async (before: Date) => cleanFinishedJobs(await queues(), before, clock.now().getTime())
    await runRetention({ prisma: deps.prisma, log, counters: deps.counters, days: o.env.GRIDBOT_RETENTION_DAYS, cleanJobs }, clock.now()).catch(
      (err: unknown) => log.warn({ err }, 'retention failed; tried again at the next sweep after an hour'),
    )
  }
  // Timers, then the inbox and outbox: after a flush (the marker gone) every pending row at once.
  const sweepNow = async (opts: { full?: boolean } = {}) => {
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
  let sweeperKeepAlive: NodeJS.Timeout | null = null
  let flushWatch: FlushWatch | null = null
  let sentMarks: SentMarks | null = null
  let watch: AccountWatch | null = null
  let scout: BindingScout | null = null
  const gates: LinkGate[] = []
  let leases: AccountLeases | null = null

  if (o.role !== 'gateway') {
    // PGlite is one connection in this process: more concurrency only queues up behind it.
    const concurrency = o.concurrency ?? o.env.GRIDBOT_WORKER_CONCURRENCY ?? (o.infra.db.kind === 'pglite' ? 1 : 16)
    const lockMs = o.env.GRIDBOT_JOB_LOCK_MS
    await inbound.keepOrder()
    workers.push(...startInboundWorkers(queueEnv, inbound.shards, dispatch, { concurrency, log, lockMs }))
    workers.push(
      startTimersWorker(
        queueEnv,
        {
          escalate: escalateHandler(deps),
          remind: remindHandler(deps),
          ...hazardTimerHandlers(deps),
          ...projectTimerHandlers(deps),
          ...noticeTimerHandlers(deps),
          ...digestTimerHandlers(deps),
          sweep: () => sweepNow(),
        },
        {
          concurrency: Math.min(concurrency, 8),
          log,
          lockMs,
          // In virtual time a timer runs when the simulator gets there: its wall-clock lateness means nothing.
          lateness: o.virtualTime ? undefined : (kind, seconds) => metrics.timerLateness.observe({ kind }, seconds),
        },
      ),
    )
    if (!o.virtualTime) {
      // The sweeper runs every minute as a BullMQ job scheduler. A Redis flush would erase that schedule too, so
      // each worker also checks every few seconds whether Redis forgot everything, re-creates the schedule, and
      // sweeps at once: pending escalations are back within seconds, not minutes.
      await timers.upsertSweeper(o.env.GRIDBOT_SWEEP_EVERY_MS)
      const watch = new FlushWatch(queueEnv.connection, o.env.GRIDBOT_QUEUE_PREFIX)
      await watch.arm()
      flushWatch = watch
      const keepAlive = async () => {
        if (!(await watch.forgot())) return
        log.warn('Redis forgot its jobs (flushed or restarted empty): the sweeper schedule is re-created and every pending row swept')
        await timers.upsertSweeper(o.env.GRIDBOT_SWEEP_EVERY_MS)
        await sweepNow({ full: true })
      }
      sweeperKeepAlive = setInterval(() => void keepAlive().catch((err) => log.warn({ err: err.message }, 'sweeper keep-alive failed')), FLUSH_CHECK_MS)
    }
    log.info({ concurrency }, 'worker started')
  }
  if (o.role !== 'worker') {
    const receive = createReceiver({ prisma: deps.prisma, counters: deps.counters, log, enqueue: requeue })
    // The sent mark also moves the notice deliveries among those rows on (queued/failed → sent).
    const marks = new SentMarks(
      async (keys) => {
        const at = clock.now()
        const fresh = await markSent(deps.prisma, keys, at)
        await deliveriesSent(deps.prisma, keys, at)
        await escalationsDelivered(deps.prisma, fresh, at)
      },
      log,
      deps.counters,
    )
    // A post whose job gave up: a notice's delivery to that room is failed, with the reason (the sweeper resends it).
    const failed = async (key: string, reason: string) => {
      await markFailed(deps.prisma, key, reason, clock.now())
      await deliveryFailed(deps.prisma, key, reason, clock.now())
    }
    const accountWatch = new AccountWatch({ prisma: deps.prisma, outbox, clock, log })
    watch = accountWatch
    const bindingScout = new BindingScout({ prisma: deps.prisma, outbox, clock, log })
    scout = bindingScout
    sentMarks = marks
    if (!o.makeTransport) throw new Error('gateway role needs a transport factory')
    const accounts = o.accounts ?? (await accountIds(deps.prisma))
    const paces = await accountPaces(deps.prisma)
    if (accounts.length === 0) throw new Error('没有机器人账号:请先导入组织文件(gridbot org import <文件>)')
    const lease = new AccountLeases({ redis: queueEnv.connection, prefix: o.env.GRIDBOT_QUEUE_PREFIX, log })
    leases = lease
    const startAccount = async (accountId: string) => {
      const transport = o.makeTransport!(accountId)
      transports.push(transport)
      // An account's own pace from the org file (accounts: messagesPerSec), else the environment's.
      const pace =
        o.pace === undefined ? { messagesPerSec: paces.get(accountId) ?? o.env.GRIDBOT_PACE_PER_SEC, jitterMs: o.env.GRIDBOT_PACE_JITTER_MS } : o.pace
      await accountWatch.watch(transport)
      bindingScout.watch(transport)
      const sender = startSender(
        queueEnv,
        transport,
        pace,
        log,
        {
          onSent: (key) => marks.mark(key),
          onFailed: failed,
          metrics,
          onLeftRoom: (accountId, roomId) => accountWatch.leftRoom(accountId, roomId),
          fence: () => lease.holds(accountId),
          gate: {
            alternates: async (_accountId, roomId) => (await roomAccounts(deps.prisma, roomId))?.accounts ?? [],
            statusOf: accountWatch.statusOf,
            handOver: async (accountId, job, id, priority) => {
              await outbox.queue(accountId).add('say', job, { jobId: id, ...(priority ? { priority } : {}) })
            },
          },
        },
        o.env.GRIDBOT_JOB_LOCK_MS,
      )
      if (sender.gate) gates.push(sender.gate)
      workers.push(sender)
      await transport.start(receive)
      log.info({ account: accountId }, 'gateway started')
    }
    // One gateway per account: this one serves those whose lease it holds and stands by for the others.
    for (const accountId of accounts)
      await lease.hold(accountId, {
        start: () => startAccount(accountId),
        stop: () => stopAccount({ accountId, transports, workers, gates, watch: accountWatch, log }),
      })
  }

  let stopping: Promise<void> | null = null
  return {
    deps,
    queueEnv,
    dispatch,
    inbound,
    outbox,
    transports,
    accounts: watch,
    bindings: scout,
    workers,
    timers,
    metrics,
    queues,
    sweep: sweepNow,
    stop: () =>
      (stopping ??= (async () => {
        // Stop taking messages first, then let in-flight jobs finish (Worker.close waits for them).
        if (sweeperKeepAlive) clearInterval(sweeperKeepAlive)
        // Not awaited: with Redis away the command would wait for it (the mark expires by itself in minutes).
        flushWatch?.disarm().catch(() => undefined)
        // Sends waiting for a down account are put back in their queues (they go when it is back, here or elsewhere).
        for (const g of gates) g.close()
        await Promise.all(transports.map((t) => t.stop().catch((err) => log.warn({ err }, 'transport stop failed'))))
        await leases?.close()
        const closed = await Promise.all(workers.map((w) => closeWorker(w, log)))
        await sentMarks?.flush()
        await watch?.settled()
        await scout?.settled()
        deps.counters.inc('stop.workers_left_behind', closed.filter((c) => !c).length)
        await inbound.close()
        await timers.close()
        log.info({ counters: deps.counters.snapshot() }, 'stopped')
        await outbox.close()
        await closeRedis(queueEnv.connection)
      })()),
  }
}
