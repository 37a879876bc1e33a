// Queue names and the shared BullMQ connection settings. One concept each file; names live here.
import type { Queue, Worker } from 'bullmq'
import { Cluster, Redis } from 'ioredis'
import { within } from '../core/time-limit.ts'
import { endsWhenDisconnected } from './ioredis-disconnect-patch.ts'
import { isClusterUrl } from '../config/redis-url.ts'
import { openRedis, type RedisClient } from './redis-client.ts'
import { queuePrefix } from './queue-slots.ts'
import { redisTexts } from './redis.texts.ts'

export type { RedisClient }

export const INBOUND_QUEUE = 'inbound'
/** One outbound queue per bot account, paced at that account's safe rate. */
export const outboundQueueName = (accountId: string) => `outbound-${accountId.replace(/:/g, '_')}`

export interface QueueEnv {
  /** Shared connection for producers (Queue); workers get their own (blocking commands). */
  connection: RedisClient
  /** A Redis URL, or a Redis Cluster's nodes in their URL-like form (config/redis-url.ts). */
  redisUrl: string
  /** BullMQ key prefix: tests use a unique one each. On a cluster each queue's prefix is hash-tagged (prefixOf). */
  prefix: string
}

/** The BullMQ prefix of one queue of this deployment (every Queue and Worker is made with it). */
export const prefixOf = (env: Pick<QueueEnv, 'prefix' | 'redisUrl'>, queueName: string): string =>
  queuePrefix(env.prefix, queueName, isClusterUrl(env.redisUrl))

const WARN_EVERY_MS = 10_000

/** Never auto-pipelined: a blocking command would hold up everything queued behind it. */
const BLOCKING = ['bzpopmin', 'bzpopmax', 'blpop', 'brpop', 'brpoplpush', 'blmove', 'bzmpop', 'blmpop', 'xread', 'xreadgroup', 'wait']

export function createRedis(url: string, opts: { autoPipelining?: boolean } = {}): RedisClient {
  // BullMQ needs maxRetriesPerRequest null on connections it blocks on.
  const client = openRedis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    enableAutoPipelining: opts.autoPipelining ?? false,
    autoPipeliningIgnoredCommands: BLOCKING,
  })
  const r = client instanceof Redis ? endsWhenDisconnected(client) : client
  // ioredis reconnects by itself; say so once in a while (per process, not per connection: a worker has dozens)
  // instead of an unhandled-error line per attempt.
  r.on('error', reportConnectionError)
  return r
}

let lastReported = 0
let reportTo: { warn(o: object, msg: string): void } | null = null

/** Connection errors go to this log (the process's one stream) instead of stderr. */
export function reportRedisErrorsTo(log: { warn(o: object, msg: string): void }): void {
  reportTo = log
}

function reportConnectionError(err: Error): void {
  if (Date.now() - lastReported < WARN_EVERY_MS) return
  lastReported = Date.now()
  if (reportTo) reportTo.warn({ err: err.message }, redisTexts.lost)
  else process.stderr.write(redisTexts.lostLine(err.message))
}

/**
 * A BullMQ Queue re-emits its connection's errors, and with no listener prints every one with its stack (dozens a
 * second while Redis is away). The connection's own listener already reports them, throttled.
 */
export function quietQueue<Q extends Queue>(q: Q): Q {
  q.on('error', reportConnectionError)
  return q
}

export function createQueueEnv(redisUrl: string, prefix = 'gridbot'): QueueEnv {
  // The producers' shared connection (never blocks): commands issued in the same tick — a gateway's batch of adds,
  // the replies released together — go to Redis in one write instead of one each (a socket write cost about as
  // much CPU as a BullMQ add here: BENCHMARKS.md, "Where the check-in time goes").
  return { connection: createRedis(redisUrl, { autoPipelining: true }), redisUrl, prefix }
}

/** Quits a connection we own; one that is not connected is just dropped (a QUIT would wait for Redis to return). */
export async function closeRedis(r: RedisClient): Promise<void> {
  if (r.status === 'ready') await r.quit().catch(() => r.disconnect())
  else r.disconnect()
}

const sharing = new WeakMap<RedisClient, number>()

/** `workers` workers will use this connection for their commands (BullMQ gives each its own blocking duplicate):
 *  closeWorker closes it with the last of them. */
export function shareConnection(r: RedisClient, workers: number): RedisClient {
  sharing.set(r, workers)
  return r
}

/** How long a stopping worker may wait for its running jobs before we stop waiting (Redis gone, say). */
const CLOSE_GRACE_MS = 15_000

/** Closes a worker (waiting for its running jobs), then the connection we handed it: BullMQ never closes a
 *  connection it was given, and an open one would keep reconnecting after the app stopped. False: it did not
 *  close within the grace period and was left behind. */
export async function closeWorker(worker: Worker, log?: { warn(o: object, msg: string): void }): Promise<boolean> {
  const closed = await within(
    CLOSE_GRACE_MS,
    worker.close().then(() => true),
    false,
  )
  if (!closed) log?.warn({ worker: worker.name, graceMs: CLOSE_GRACE_MS }, 'worker did not close in time; stopping without it')
  const c = worker.opts.connection
  if (c instanceof Redis || c instanceof Cluster) {
    // A shared connection is closed with the last of its workers.
    const users = sharing.get(c)
    if (users !== undefined && users > 1) sharing.set(c, users - 1)
    else await closeRedis(c)
  }
  return closed
}
