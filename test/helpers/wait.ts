import { Queue } from 'bullmq'
import { redisOptions } from '../../src/config/redis-url.ts'
import { inboundQueueName } from '../../src/jobs/inbound.ts'
import { outboundQueueName } from '../../src/jobs/queues.ts'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A wait's bound only ends a hang: on a loaded machine (2 cores shared by a team, load 30 measured) what takes seconds
 *  when quiet can take minutes, and a test must not fail by load. So no wait gives up sooner than this, whatever
 *  bound its caller wrote (which says how long it takes when quiet). */
export const HANG_MS = 240_000

/** Polls `check` every 100 ms until it holds; fails naming `what` after `ms`, or HANG_MS if that is longer. */
export async function until(what: string, check: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + Math.max(ms, HANG_MS)
  while (Date.now() < end) {
    if (await check()) return
    await sleep(100)
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Nothing left in flight: no inbound message and no post waiting, delayed or being handled in any queue of the
 *  deployment but the timers' (`app.queues()`), and no outbox row waiting to be sent (sent, or given up). What a test
 *  polls for before it says "nothing was handled or sent twice": from here on nothing more can be. */
export async function pipelineIdle(
  app: { queues(): Promise<{ name: string; getJobCounts(...types: string[]): Promise<Record<string, number>> }[]> },
  prisma: { outboxMessage: { count(a: { where: { sentAt: null; failedAt: null } }): Promise<number> } },
): Promise<boolean> {
  for (const q of await app.queues()) {
    if (q.name === 'timers') continue
    const jobs = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')
    if (Object.values(jobs).some((n) => n > 0)) return false
  }
  return (await prisma.outboxMessage.count({ where: { sentAt: null, failedAt: null } })) === 0
}

/** The queues of a deployment that runs in other processes (its inbound shards, each account's outbound queue), for
 *  pipelineIdle; close() when done. */
export function remoteQueues(stores: { redisUrl: string; prefix: string }, accounts: string[], shards = 16) {
  const opts = { connection: redisOptions(stores.redisUrl, { maxRetriesPerRequest: null }) as never, prefix: stores.prefix }
  const names = [...Array.from({ length: shards }, (_, i) => inboundQueueName(i)), ...accounts.map(outboundQueueName)]
  const queues = names.map((n) => new Queue(n, opts))
  return { queues: async () => queues, close: () => Promise.all(queues.map((q) => q.close())) }
}
