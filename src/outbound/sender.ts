// One sender per bot account, in the gateway process that owns the account's puppet. BullMQ's limiter keeps the
// account at its safe pace (WeChat flags bursts: STACK-NOTES.md); a little jitter keeps it from looking robotic.
import type { Worker } from 'bullmq'
import type { Logger } from '../core/logger.ts'
import type { ChatTransport } from '../transport/transport.ts'
import { outboundQueueName, type QueueEnv } from '../jobs/queues.ts'
import { createWorker } from '../jobs/worker-factory.ts'
import type { OutboundJob } from './outbox.ts'

export interface Pace {
  messagesPerSec: number
  jitterMs: number
}

export const DEFAULT_PACE: Pace = { messagesPerSec: 1, jitterMs: 300 }

export function startSender(env: QueueEnv, transport: ChatTransport, pace: Pace | null, log: Logger): Worker<OutboundJob> {
  return createWorker<OutboundJob>(
    outboundQueueName(transport.accountId),
    async (job) => {
      if (pace?.jitterMs) await new Promise((r) => setTimeout(r, Math.random() * pace.jitterMs))
      await transport.say(job.data.roomId, job.data.text, job.data.mentionIds)
    },
    {
      env,
      log,
      role: 'sender',
      bindings: { account: transport.accountId },
      concurrency: pace ? 1 : 32,
      ...(pace ? { limiter: { max: 1, duration: Math.round(1000 / pace.messagesPerSec) } } : {}),
    },
  )
}
