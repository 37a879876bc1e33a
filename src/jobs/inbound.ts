// The inbound queues: gateways add, workers take. One conversation's messages (a group, or one person writing to
// the bot) are handled one after another, in the order the gateway added them, however many worker processes run:
//  - `inbound` is split into shards (`inbound-0` … `inbound-<N-1>`); a conversation always goes to the same shard,
//    chosen by a stable hash of account + room (account + person for a direct message);
//  - each shard has BullMQ global concurrency 1: one of its jobs is active at a time across all processes, and
//    BullMQ takes a list's jobs in the order they were added;
//  - a message that fails is retried inside its job, after a backoff, so its shard waits for it; BullMQ's own retry
//    would park it in `delayed` and let the next message overtake it;
//  - a crashed worker's job stays active (its shard waits) until its lock lapses; BullMQ then puts it back at the
//    head of the shard's list, so it runs before the messages behind it.
// No order state lives only in Redis: the shard is a function of the message (a durable inbox row can compute it),
// and the global concurrency is written again with every add, so after a FLUSHALL a shard is limited again before
// it holds a job, and nothing waits for a job Redis forgot. The job id comes from account + message id, so a
// message WeChat delivers twice becomes one job (and the database's inbox row catches what Redis forgot).
import { Queue, type Job, type Worker } from 'bullmq'
import { jobId } from '../core/ids.ts'
import { must } from '../core/must.ts'
import type { Logger } from '../core/logger.ts'
import { conversationOf, type InboundMessage } from '../core/message.ts'
import type { Dispatch } from '../pipeline/dispatcher.ts'
import { createRedis, INBOUND_QUEUE, prefixOf, quietQueue, shareConnection, type QueueEnv } from './queues.ts'
import { createWorker } from './worker-factory.ts'
import { isTransientDbError } from '../db/errors.ts'
import { ShardDrain } from './shard-drain.ts'

/** Attempts per message; the shard waits through the backoffs (0.5 s, then 1 s). */
export const INBOUND_ATTEMPTS = 3
const BACKOFF_MS = 500
/** How long a message waits for the database to come back before it counts as failed (the sweeper tries it again later). */
const DB_OUTAGE_WAIT_MS = 10 * 60_000

export { conversationOf }

/** FNV-1a (32 bit) over the key's UTF-8 bytes: the same shard in every process, on every machine, in every version. */
export function shardOf(key: string, shards: number): number {
  let h = 0x811c9dc5
  for (const b of Buffer.from(key, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0
  return h % shards
}

export const inboundQueueName = (shard: number) => `${INBOUND_QUEUE}-${shard}`

export class InboundQueues {
  readonly queues: Queue<InboundMessage>[]

  /** `shards` must be the same in every gateway and worker of a deployment (GRIDBOT_INBOUND_SHARDS). */
  constructor(
    env: QueueEnv,
    readonly shards: number,
  ) {
    this.queues = Array.from({ length: shards }, (_, i) =>
      quietQueue(
        new Queue<InboundMessage>(inboundQueueName(i), {
          connection: env.connection,
          prefix: prefixOf(env, inboundQueueName(i)),
          defaultJobOptions: {
            attempts: 1, // retries happen inside the job (see above)
            removeOnComplete: { age: 24 * 3600, count: 50_000 },
            removeOnFail: { age: 30 * 24 * 3600 },
          },
        }),
      ),
    )
  }

  queueOf(msg: InboundMessage): Queue<InboundMessage> {
    return must(this.queues[shardOf(conversationOf(msg), this.shards)], 'INBOUND_NO_SHARD')
  }

  /** One active job per shard across all processes. Idempotent. */
  async keepOrder(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.setGlobalConcurrency(1)))
  }

  async add(msg: InboundMessage): Promise<void> {
    const q = this.queueOf(msg)
    // The limit goes with every add (one HSET): a FLUSHALL cannot leave a shard unlimited for longer than one add.
    await Promise.all([q.setGlobalConcurrency(1), q.add('message', msg, { jobId: jobId('in', msg.accountId, msg.messageId) })])
  }

  /**
   * Hands a message over again for the sweeper: a job Redis still holds waiting or active is left alone; one that
   * finished without the message being handled (failed while the database was down) is replaced.
   */
  async requeue(msg: InboundMessage): Promise<void> {
    const job = await this.queueOf(msg).getJob(jobId('in', msg.accountId, msg.messageId))
    if (job) {
      const state = await job.getState()
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return
      await job.remove()
    }
    await this.add(msg)
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()))
  }
}

/** Caps the messages one process handles at once, over all its shards (GRIDBOT_WORKER_CONCURRENCY). */
class Slots {
  private free: number
  private readonly waiting: (() => void)[] = []
  constructor(size: number) {
    this.free = size
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--
    else await new Promise<void>((r) => this.waiting.push(r))
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.free++
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** How many of the oldest waiting jobs one round of taking along reads (bounded by what is left of the batch). */
const PEEK = 32

/**
 * Takes along waiting messages of a job's shard (GRIDBOT_INBOUND_BATCH). A message that fails is not retried here:
 * its conversation is held back (its later messages too) and the message runs again as its own job, with the usual
 * retries.
 */
function takingAlong(d: { drain: ShardDrain; workers: Map<string, Worker<InboundMessage>>; slots: Slots; dispatch: Dispatch; log: Logger; batch: number }) {
  return async (job: Job<InboundMessage>, token: string | undefined) => {
    const worker = d.workers.get(job.queueName)
    if (!worker || !job.id || !token) return
    const holder = { id: job.id, token }
    const held = new Set([conversationOf(job.data)])
    for (let left = d.batch - 1; left > 0 && !worker.closing; ) {
      const waiting = (await d.drain.peek(worker, holder, Math.min(PEEK, left))).filter((w) => !held.has(conversationOf(w.data)))
      const byConversation = new Map<string, typeof waiting>()
      for (const w of waiting) byConversation.set(conversationOf(w.data), [...(byConversation.get(conversationOf(w.data)) ?? []), w])
      const handled: string[] = []
      let failed = false
      await Promise.all(
        [...byConversation].map(async ([conversation, jobs]) => {
          for (const w of jobs) {
            try {
              await d.slots.run(() => d.dispatch(w.data, { lastAttempt: false }))
              handled.push(w.id)
            } catch (err) {
              failed = true
              held.add(conversation)
              d.log.warn({ jobId: w.id, queue: job.queueName, err }, 'inbound message taken along failed; it runs again as its own job')
              return
            }
          }
        }),
      )
      // Handled (committed) before it leaves `wait`: a crash before this line runs those jobs again, as replays.
      await d.drain.complete(worker, handled, Date.now())
      if (failed || !handled.length) return
      left -= handled.length
    }
  }
}

/**
 * One worker per shard, each taking one job at a time; every worker process runs one for every shard. With
 * `batch` > 1 a job also takes along up to `batch - 1` of its shard's waiting messages (jobs/shard-drain.ts): those
 * of other conversations than its own, each conversation's in order, conversations side by side. A conversation's
 * next message is never taken along by a job of that conversation: it stays a job of its own, so the message a
 * worker holds for a group is always the job BullMQ shows active (a killed worker's is redone first, as before).
 */
export function startInboundWorkers(
  env: QueueEnv,
  shards: number,
  dispatch: Dispatch,
  opts: { concurrency: number; log: Logger; lockMs: number; batch?: number },
): Worker<InboundMessage>[] {
  const slots = new Slots(opts.concurrency)
  const batch = opts.batch ?? 1
  /** One message, with the retries described at the top of this file. */
  const handleOne = async (msg: InboundMessage, job: { id?: string; queueName: string }) => {
    const started = Date.now()
    for (let attempt = 1; ; ) {
      try {
        return await slots.run(() => dispatch(msg, { lastAttempt: attempt >= INBOUND_ATTEMPTS }))
      } catch (err) {
        // The database away (restarting, failing over) is not this message's fault: wait for it without using up
        // attempts, so nothing is lost and the conversation keeps its order, up to DB_OUTAGE_WAIT_MS.
        const outage = isTransientDbError(err) && Date.now() - started < DB_OUTAGE_WAIT_MS
        if (!outage && attempt >= INBOUND_ATTEMPTS) throw err // logged by the worker's 'failed'; the shard moves on
        const backoffMs = outage ? Math.min(BACKOFF_MS * 2 ** Math.min(attempt, 4), 5_000) : BACKOFF_MS * 2 ** (attempt - 1)
        if (!outage) attempt++
        opts.log.warn(
          { jobId: job.id, queue: job.queueName, attempt, backoffMs, outage, err },
          'inbound message failed; retrying it before its conversation goes on',
        )
        await sleep(backoffMs)
      }
    }
  }
  // One auto-pipelined connection for every shard's commands: jobs that finish together (a group commit returns
  // several at once) are moved on in one socket write instead of one each.
  const connection = shareConnection(createRedis(env.redisUrl, { autoPipelining: true }), shards)
  const drain = new ShardDrain(connection)
  const workers = new Map<string, Worker<InboundMessage>>()
  const takeAlong = takingAlong({ drain, workers, slots, dispatch, log: opts.log, batch })
  const handle = async (job: Job<InboundMessage>, token?: string) => {
    await handleOne(job.data, job)
    if (batch > 1) await takeAlong(job, token)
  }
  return Array.from({ length: shards }, (_, i) => {
    const w = createWorker<InboundMessage>(inboundQueueName(i), handle, {
      env,
      log: opts.log,
      role: 'inbound',
      concurrency: 1,
      lockMs: opts.lockMs,
      connection,
    })
    workers.set(w.name, w)
    return w
  })
}
