// Composition root: stores → queues → dispatcher → workers and gateways. Roles split one process into many:
// `gateway` (owns the WeChat puppets and the paced senders, app/gateway-role.ts) and `worker` (stateless, any
// number, app/worker-role.ts). What capabilities add (timers, sources, outbox marks, events, gauges) comes from
// the capability list through app/capability-wiring.ts: nothing here names a capability.
import path from 'node:path'
import type { Queue, Worker } from 'bullmq'
import { systemClock } from './core/clock.ts'
import { Counters, Metrics } from './core/metrics.ts'
import type { PipelineDeps } from './pipeline/deps.ts'
import { createDispatcher, type Dispatch } from './pipeline/dispatcher.ts'
import { closeRedis, closeWorker, createQueueEnv, reportRedisErrorsTo, type QueueEnv } from './jobs/queues.ts'
import { InboundQueues } from './jobs/inbound.ts'
import { QueueOutbox } from './outbound/outbox.ts'
import type { ChatTransport } from './transport/transport.ts'
import { accountIds } from './kernel/org/org.service.ts'
import { commandSet } from './commands/registry.ts'
import { RedisRateLimiter } from './jobs/rate-limiter.ts'
import { TimerQueue } from './jobs/timers.ts'
import { domainEvents, registerCapabilityMetrics } from './app/capability-wiring.ts'
import { OrgCache } from './kernel/org/org-cache.ts'
import { FileMediaStore } from './storage/file-media-store.ts'
import type { AccountWatch } from './outbound/account-watch.ts'
import type { BindingScout } from './outbound/binding-scout.ts'
import { registerQueueMetrics } from './jobs/queue-metrics.ts'
import { registerAccountMetrics } from './transport/account-metrics.ts'
import type { AppCore, AppOptions, SweepResult } from './app/core.ts'
import { createSweeper } from './app/sweeping.ts'
import { startWorkerRole, type WorkerRole } from './app/worker-role.ts'
import { startGatewayRole, type GatewayRole } from './app/gateway-role.ts'
import { registerOpsMetrics } from './http/ops-metrics.ts'
import type { GuardedMediaStore } from './storage/media-guard.ts'

export type { AppOptions, Role } from './app/core.ts'

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
  sweep(): Promise<SweepResult>
  stop(): Promise<void>
}

/** The stores, queues and dispatcher every role shares. */
function createCore(o: AppOptions): AppCore {
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
    events: domainEvents,
    outbox,
    scheduler: timers,
    rateLimiter: new RedisRateLimiter(queueEnv.connection, o.env.GRIDBOT_QUEUE_PREFIX),
    clock,
    log,
    counters: new Counters(metrics),
    rateLimitPerMinute: o.env.GRIDBOT_RATE_LIMIT_PER_MINUTE,
    pace: { messagesPerSec: o.env.GRIDBOT_PACE_PER_SEC, jitterMs: o.env.GRIDBOT_PACE_JITTER_MS },
    webhookAllowLocal: o.env.GRIDBOT_WEBHOOK_ALLOW_LOCAL,
    media: o.media ?? new FileMediaStore(path.resolve(o.env.GRIDBOT_DATA_DIR, 'media')),
  }
  const inbound = new InboundQueues(queueEnv, o.env.GRIDBOT_INBOUND_SHARDS)
  const queues = async (): Promise<Queue[]> => [...inbound.queues, timers.queue, ...(await accountIds(deps.prisma)).sort().map((a) => outbox.queue(a))]
  const sweepNow = createSweeper({ env: o.env, deps, queueEnv, outbox, inbound, queues, clock, log })
  return { o, log, clock, queueEnv, outbox, timers, metrics, deps, dispatch: createDispatcher(deps), inbound, queues, sweepNow, workers: [], transports: [] }
}

export async function startApp(o: AppOptions): Promise<App> {
  const core = createCore(o)
  const { metrics, deps, clock, queues, transports } = core
  registerQueueMetrics(metrics, queues)
  registerAccountMetrics(metrics, () => transports)
  registerCapabilityMetrics(metrics, deps.prisma, clock)
  const media = deps.media as Partial<GuardedMediaStore>
  registerOpsMetrics(metrics, {
    prisma: deps.prisma,
    clock,
    stores: { database: () => o.infra.db.ping(), redis: () => core.queueEnv.connection.ping(), media: mediaHealth(media) },
  })
  const worker = o.role !== 'gateway' ? await startWorkerRole(core) : null
  const gateway = o.role !== 'worker' ? await startGatewayRole(core) : null
  let stopping: Promise<void> | null = null
  return {
    deps,
    queueEnv: core.queueEnv,
    dispatch: core.dispatch,
    inbound: core.inbound,
    outbox: core.outbox,
    transports,
    accounts: gateway?.watch ?? null,
    bindings: gateway?.scout ?? null,
    workers: core.workers,
    timers: core.timers,
    metrics,
    queues,
    sweep: () => core.sweepNow(),
    stop: () => (stopping ??= stopApp(core, worker, gateway)),
  }
}

/** The media store's health check, when the store has one (a guarded store does). */
function mediaHealth(media: Partial<GuardedMediaStore>): (() => Promise<void>) | null {
  const healthy = media.healthy?.bind(media)
  return healthy ? () => healthy() : null
}

async function stopApp(core: AppCore, worker: WorkerRole | null, gateway: GatewayRole | null): Promise<void> {
  const { log, deps, transports, workers } = core
  // Stop taking messages first, then let in-flight jobs finish (Worker.close waits for them).
  if (worker?.keepAlive) clearInterval(worker.keepAlive)
  // Not awaited: with Redis away the command would wait for it (the mark expires by itself in minutes).
  worker?.flushWatch?.disarm().catch(() => undefined)
  // Sends waiting for a down account are put back in their queues (they go when it is back, here or elsewhere).
  for (const g of gateway?.gates ?? []) g.close()
  gateway?.canary.close()
  await Promise.all(transports.map((t) => t.stop().catch((err) => log.warn({ err }, 'transport stop failed'))))
  await gateway?.leases.close()
  const closed = await Promise.all(workers.map((w) => closeWorker(w, log)))
  await gateway?.sentMarks.flush()
  await gateway?.watch.settled()
  await gateway?.scout.settled()
  deps.counters.inc('stop.workers_left_behind', closed.filter((c) => !c).length)
  await core.inbound.close()
  await core.timers.close()
  log.info({ counters: deps.counters.snapshot() }, 'stopped')
  await core.outbox.close()
  await closeRedis(core.queueEnv.connection)
}
