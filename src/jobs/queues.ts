// Queue names and the shared BullMQ connection settings. One concept each file; names live here.
import type { Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { redisOptions } from '../runtime/redis-server.ts'

export const INBOUND_QUEUE = 'inbound'
/** One outbound queue per bot account, paced at that account's safe rate. */
export const outboundQueueName = (accountId: string) => `outbound-${accountId.replace(/:/g, '_')}`

export interface QueueEnv {
  /** Shared connection for producers (Queue); workers get their own (blocking commands). */
  connection: Redis
  redisUrl: string
  /** BullMQ key prefix: tests use a unique one each. */
  prefix: string
}

const WARN_EVERY_MS = 10_000

export function createRedis(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest null on connections it blocks on.
  const r = new Redis(redisOptions(url, { maxRetriesPerRequest: null, enableReadyCheck: true }) as never)
  // ioredis reconnects by itself; say so once in a while instead of an unhandled-error line per attempt.
  let last = 0
  r.on('error', (err: Error) => {
    if (Date.now() - last < WARN_EVERY_MS) return
    last = Date.now()
    process.stderr.write(`[gridbot] Redis 连接中断,正在重连:${err.message}\n`)
  })
  return r
}

export function createQueueEnv(redisUrl: string, prefix = 'gridbot'): QueueEnv {
  return { connection: createRedis(redisUrl), redisUrl, prefix }
}

/** Closes a worker (waiting for its running jobs), then the connection we handed it: BullMQ never closes a
 *  connection it was given, and an open one would keep reconnecting after the app stopped. */
export async function closeWorker(worker: Worker): Promise<void> {
  await worker.close()
  const c = worker.opts.connection
  if (c instanceof Redis) await c.quit().catch(() => c.disconnect())
}
