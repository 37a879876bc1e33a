// The `inbound` queue: gateways add, workers take. The job id comes from account + message id, so a message
// WeChat delivers twice becomes one job (and the database's HandledMessage catches what Redis forgot).
import { Queue, Worker } from 'bullmq'
import { jobId } from '../core/ids.ts'
import { InOrder } from '../core/in-order.ts'
import type { Logger } from '../core/logger.ts'
import type { InboundMessage } from '../core/message.ts'
import type { Dispatch } from '../pipeline/dispatcher.ts'
import { INBOUND_QUEUE, createRedis, type QueueEnv } from './queues.ts'

const ATTEMPTS = 3

export function createInboundQueue(env: QueueEnv): Queue<InboundMessage> {
  return new Queue<InboundMessage>(INBOUND_QUEUE, {
    connection: env.connection,
    prefix: env.prefix,
    defaultJobOptions: {
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 24 * 3600, count: 50_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  })
}

export async function enqueueInbound(queue: Queue<InboundMessage>, msg: InboundMessage): Promise<void> {
  await queue.add('message', msg, { jobId: jobId('in', msg.accountId, msg.messageId) })
}

export function startInboundWorker(env: QueueEnv, dispatch: Dispatch, opts: { concurrency: number; log: Logger; lockMs: number }): Worker<InboundMessage> {
  // One conversation (a room, or a person writing to the bot) in the order its messages arrived; others in parallel.
  const inOrder = new InOrder()
  const conversation = (m: InboundMessage) => `${m.accountId}/${m.roomId ?? m.talkerId}`
  const worker = new Worker<InboundMessage>(
    INBOUND_QUEUE,
    (job) => inOrder.run(conversation(job.data), () => dispatch(job.data, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) })),
    { connection: createRedis(env.redisUrl), prefix: env.prefix, concurrency: opts.concurrency, lockDuration: opts.lockMs, stalledInterval: opts.lockMs },
  )
  worker.on('failed', (job, err) => opts.log.error({ jobId: job?.id, err }, 'inbound job failed'))
  worker.on('error', (err) => opts.log.error({ err }, 'inbound worker error'))
  return worker
}
