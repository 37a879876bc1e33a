// One sender per bot account, in the gateway process that owns the account's puppet. BullMQ's limiter keeps the
// account at its safe pace (WeChat flags bursts: STACK-NOTES.md); a little jitter keeps it from looking robotic.
import type { Worker } from 'bullmq'
import type { Logger } from '../core/logger.ts'
import type { Metrics } from '../core/metrics.ts'
import type { ChatTransport } from '../transport/transport.ts'
import { outboundQueueName, type QueueEnv } from '../jobs/queues.ts'
import { createWorker } from '../jobs/worker-factory.ts'
import type { OutboundJob } from './outbox.ts'

export interface Pace {
  messagesPerSec: number
  jitterMs: number
}

export const DEFAULT_PACE: Pace = { messagesPerSec: 1, jitterMs: 300 }

/**
 * `onSent(key)`: the outbox row behind a message whose last part WeChat accepted (marked sent). `onFailed(key, reason)`:
 * a part of that row whose job gave up after its last retry (the sweeper sends the row again later); never throws into
 * BullMQ.
 */
export function startSender(
  env: QueueEnv,
  transport: ChatTransport,
  pace: Pace | null,
  log: Logger,
  onSent?: (outboxKey: string) => Promise<void>,
  lockMs?: number,
  onFailed?: (outboxKey: string, reason: string) => Promise<void>,
  metrics?: Metrics,
): Worker<OutboundJob> {
  const account = { account: transport.accountId }
  const worker = createWorker<OutboundJob>(
    outboundQueueName(transport.accountId),
    async (job) => {
      if (pace?.jitterMs) await new Promise((r) => setTimeout(r, Math.random() * pace.jitterMs))
      if (job.data.image) await transport.sendImage(job.data.roomId, job.data.image)
      else await transport.say(job.data.roomId, job.data.text, job.data.mentionIds)
      metrics?.messagesOut.inc(account)
      // A crash right here sends this part again after the lock lapses: the one window left (README, Durability).
      if (onSent && job.data.outboxKey && job.data.last) await onSent(job.data.outboxKey)
    },
    {
      env,
      log,
      role: 'sender',
      bindings: { account: transport.accountId },
      concurrency: pace ? 1 : 32,
      // A send cut off by a Redis restart stays active until its lock lapses: the same lock as every worker.
      lockMs,
      ...(pace ? { limiter: { max: 1, duration: Math.round(1000 / pace.messagesPerSec) } } : {}),
    },
  )
  worker.on('failed', (job, err) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return // it will be retried
    metrics?.outboxFailures.inc(account)
    if (onFailed && job.data.outboxKey)
      onFailed(job.data.outboxKey, err.message).catch((e) => log.warn({ err: (e as Error).message, key: job.data.outboxKey }, 'could not record a failed send'))
  })
  return worker
}
