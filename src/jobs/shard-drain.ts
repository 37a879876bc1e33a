// A shard's waiting messages taken along by its active job (GRIDBOT_INBOUND_BATCH > 1). Every message still has its
// own BullMQ job, added by the gateway as before; while a worker holds one job of the shard (the shard's one active
// job: global concurrency 1), it reads the oldest waiting jobs' messages in one round trip, handles them, and then
// moves the handled ones from `wait` to `completed` in one more, instead of BullMQ taking and finishing each job
// (about 25 Redis commands a job, with its events and locks) one after another.
//
// Nothing about exactly-once or order rests on these two scripts: the database's inbox row says whether a message
// was handled (a job taken along and then run again by BullMQ — a crash or a flush between the handling and the
// second script — finds its row handled and only re-sends its stored replies, deduplicated by their job ids), and a
// job is only ever removed from `wait` after its message is handled. A job that is not at its place any more (a
// FLUSHALL, a sweeper's re-add) is left to BullMQ.
import type { Worker } from 'bullmq'
import type { RedisClient } from './redis-client.ts'

/**
 * The `count` oldest waiting jobs of the shard, oldest first, each with its data; stops at a job without data.
 * Nothing while the job taking them along no longer holds its lock (it lapsed: BullMQ may give the shard to another
 * worker, which must not find these messages being handled here).
 */
const PEEK = `
if redis.call('GET', KEYS[2]) ~= ARGV[3] then return {} end
local ids = redis.call('LRANGE', KEYS[1], -tonumber(ARGV[2]), -1)
local out = {}
for i = #ids, 1, -1 do
  local data = redis.call('HGET', ARGV[1] .. ids[i], 'data')
  if not data then break end
  out[#out + 1] = ids[i]
  out[#out + 1] = data
end
return out`

/**
 * Marks the given waiting jobs completed, as BullMQ would have (processedOn, finishedOn, processedBy, one attempt
 * made), removing each from `wait`; a job no longer waiting is skipped. Returns how many were moved.
 */
const COMPLETE = `
local moved = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  if redis.call('LREM', KEYS[1], -1, id) == 1 then
    redis.call('HSET', ARGV[1] .. id, 'processedOn', ARGV[2], 'finishedOn', ARGV[2], 'pb', ARGV[3], 'returnvalue', 'null', 'ats', 1, 'atm', 1)
    moved[#moved + 1] = ARGV[2]
    moved[#moved + 1] = id
  end
end
if #moved > 0 then redis.call('ZADD', KEYS[2], unpack(moved)) end
return #moved / 2`

type DrainRedis = RedisClient & {
  gridbotShardPeek(wait: string, lock: string, jobPrefix: string, count: number, token: string): Promise<string[]>
  gridbotShardComplete(wait: string, completed: string, jobPrefix: string, now: number, by: string, ...ids: string[]): Promise<number>
}

export interface WaitingJob<T> {
  id: string
  data: T
}

const defined = new WeakSet<RedisClient>()

export class ShardDrain {
  private readonly r: DrainRedis
  constructor(connection: RedisClient) {
    this.r = connection as DrainRedis
    if (!defined.has(connection)) {
      defined.add(connection)
      connection.defineCommand('gridbotShardPeek', { numberOfKeys: 2, lua: PEEK })
      connection.defineCommand('gridbotShardComplete', { numberOfKeys: 2, lua: COMPLETE })
    }
  }

  /** The shard's `count` oldest waiting jobs, oldest first, while `holder` (the active job, by its lock token) holds
   *  its lock. The keys are the worker's, whatever prefix it has. */
  async peek<T>(worker: Worker<T>, holder: { id: string; token: string }, count: number): Promise<WaitingJob<T>[]> {
    const flat = await this.r.gridbotShardPeek(worker.toKey('wait'), `${worker.toKey(holder.id)}:lock`, worker.toKey(''), count, holder.token)
    const out: WaitingJob<T>[] = []
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [id, data] = [flat[i], flat[i + 1]]
      if (id !== undefined && data !== undefined) out.push({ id, data: JSON.parse(data) as T })
    }
    return out
  }

  /** Moves handled jobs from waiting to completed, as processed by this worker's process. */
  async complete(worker: Worker, ids: string[], now: number): Promise<number> {
    if (!ids.length) return 0
    return this.r.gridbotShardComplete(worker.toKey('wait'), worker.toKey('completed'), worker.toKey(''), now, worker.opts.name ?? '', ...ids)
  }
}
