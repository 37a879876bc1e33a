// The outbox: replies and notices become jobs on the sending account's queue. Idempotent by key.
import { Queue } from 'bullmq'
import type { OutboundMessage } from '../core/message.ts'
import type { Outbox } from '../core/ports.ts'
import { jobId } from '../core/ids.ts'
import { outboundQueueName, prefixOf, quietQueue, type QueueEnv } from '../jobs/queues.ts'
import { splitText } from './split.ts'

export const URGENT_PRIORITY = 1
export const NORMAL_PRIORITY = 10

export interface OutboundJob {
  roomId: string
  text: string
  mentionIds: string[]
  /** The outbox row this part belongs to, and whether it is its last part (sent → the row is marked sent). */
  outboxKey?: string
  last?: boolean
  /** A media store reference: send this image (the text only names it in logs). */
  image?: string
  /** A media store reference: send this file, named `fileName`. */
  file?: string
  fileName?: string
}

/** A long text goes in parts; an image or a file is one message. */
const partsOf = (m: OutboundMessage) => (m.image || m.file ? [m.text] : splitText(m.text))

export class QueueOutbox implements Outbox {
  private readonly queues = new Map<string, Queue<OutboundJob>>()
  constructor(private readonly env: QueueEnv) {}

  queue(accountId: string): Queue<OutboundJob> {
    let q = this.queues.get(accountId)
    if (!q) {
      q = quietQueue(
        new Queue<OutboundJob>(outboundQueueName(accountId), {
          connection: this.env.connection,
          prefix: prefixOf(this.env, outboundQueueName(accountId)),
          defaultJobOptions: {
            attempts: 6,
            backoff: { type: 'exponential', delay: 2000 },
            // A sent post's job is deleted at once (one DEL where a kept one costs five commands a finish: the
            // completed set, its fields, the age and count trims — issue #27). Its job id no longer dedupes a later
            // add of the same part (a replay, the sweeper): that job runs and sends nothing, as the part's claim or
            // its row's sent mark stops it (kernel/outbox claimParts) — the claim, not Redis, keeps a post single.
            removeOnComplete: true,
            removeOnFail: { age: 30 * 24 * 3600 },
          },
        }),
      )
      this.queues.set(accountId, q)
    }
    return q
  }

  async send(message: OutboundMessage, key: string): Promise<void> {
    const parts = partsOf(message)
    const priority = message.urgent ? URGENT_PRIORITY : NORMAL_PRIORITY
    const jobs = parts.map((text, i) => ({
      name: 'say',
      // Only the first part @-s people; the rest continue the same message.
      data: {
        roomId: message.roomId,
        text,
        mentionIds: i === 0 ? message.mentionIds : [],
        outboxKey: key,
        last: i === parts.length - 1,
        ...(message.image ? { image: message.image } : {}),
        ...(message.file ? { file: message.file.ref, fileName: message.file.name } : {}),
      },
      opts: { jobId: parts.length > 1 ? jobId(key, `p${i}`) : key, priority },
    }))
    const q = this.queue(message.accountId)
    // One part (nearly every reply) is a plain add: it rides the connection's auto-pipeline with the other replies
    // released in the same tick, where addBulk builds a pipeline of its own (a copy of every script) per call.
    const [only] = jobs
    if (jobs.length === 1 && only) await q.add(only.name, only.data, only.opts)
    else await q.addBulk(jobs)
  }

  /**
   * Sends again what the outbox still holds unsent and no sender holds a live claim on (the sweeper): a part whose
   * job finished (failed: WeChat away for longer than its retries; completed: its run found it claimed by a sender
   * that died before sending, or sent with only the mark missing) is replaced; a waiting or active one is left.
   * The new job sends nothing twice: a part whose claim is live, or whose row is marked sent, is not sent.
   */
  async resend(message: OutboundMessage, key: string): Promise<void> {
    const parts = partsOf(message)
    const q = this.queue(message.accountId)
    for (let i = 0; i < parts.length; i++) {
      const job = await q.getJob(parts.length > 1 ? jobId(key, `p${i}`) : key)
      const state = job ? await job.getState() : 'unknown'
      if (job && (state === 'failed' || state === 'completed')) await job.remove()
    }
    await this.send(message, key)
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()))
  }
}
