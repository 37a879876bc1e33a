// The one way we build a BullMQ worker (inbound shards, timers, the per-account senders): a Redis connection of
// its own with our settings (closeWorker closes it; BullMQ never closes a connection it was given), the process
// named on every job it takes, and its failures and errors logged with full stacks.
import { storeErrors } from '../core/log-throttle.ts'
import os from 'node:os'
import { Worker, type Processor, type WorkerOptions } from 'bullmq'
import type { Logger } from '../core/logger.ts'
import { createRedis, prefixOf, type QueueEnv, type RedisClient } from './queues.ts'

export interface WorkerSettings {
  env: QueueEnv
  log: Logger
  /** What the worker is, on each of its log lines: 'inbound', 'timers', 'sender'. */
  role: string
  concurrency?: number
  /** How long a job's lock lasts; a crashed worker's job is taken over this long (plus one check) after. */
  lockMs?: number
  limiter?: WorkerOptions['limiter']
  /** A connection several workers share (queues.ts shareConnection); default: one of its own. */
  connection?: RedisClient
  /** More fields on each log line (the account a sender serves, say). */
  bindings?: Record<string, unknown>
}

/** Stored on each job as processedBy: which process took it. */
const PROCESS_NAME = `${os.hostname()}:${process.pid}`

export function createWorker<T>(queueName: string, processor: Processor<T>, s: WorkerSettings): Worker<T> {
  const log = s.log.child({ worker: s.role, queue: queueName, ...s.bindings })
  const worker = new Worker<T>(queueName, processor, {
    connection: s.connection ?? createRedis(s.env.redisUrl),
    prefix: prefixOf(s.env, queueName),
    name: PROCESS_NAME,
    concurrency: s.concurrency ?? 1,
    // After a Redis error BullMQ waits this long before taking jobs again (default 15 s, per error): after a Redis
    // restart the senders stood still for most of a minute.
    runRetryDelay: 2_000,
    ...(s.lockMs ? { lockDuration: s.lockMs, stalledInterval: s.lockMs } : {}),
    ...(s.limiter ? { limiter: s.limiter } : {}),
  })
  worker.on('failed', (job, err) => {
    // BullMQ reports every failed attempt; attemptsMade already counts this one.
    const willRetry = job !== undefined && job.attemptsMade < (job.opts.attempts ?? 1)
    const fields = { jobId: job?.id, jobName: job?.name, attemptsMade: job?.attemptsMade, err }
    if (willRetry) log.warn(fields, 'job failed (will retry)')
    else log.error(fields, 'job failed')
  })
  // Redis away: every worker reports every reconnect attempt; one line per 10 s for the process, with the count held back.
  worker.on('error', (err) => {
    const held = storeErrors.pass('worker error')
    if (held !== null) log.error({ err, heldBack: held }, 'worker error')
  })
  return worker
}
