// An account's waiting posts taken along by its sender's active job (GRIDBOT_OUTBOUND_BATCH > 1). Every post still
// has its own BullMQ job (id = its outbox key or part, as the sweeper and `gridbot outbox retry` find it); while the
// sender holds one job of the account's queue, it reads the next waiting ones in the order BullMQ would take them
// (the `wait` list first, then `prioritized` by priority) in one round trip, sends them, and finishes the sent ones
// in one more (deleted, as removeOnComplete does), instead of BullMQ taking and finishing each (about 28 Redis
// commands a job).
//
// Nothing about sending once rests on these scripts: each part is claimed in PostgreSQL just before it is sent
// (kernel/outbox claimParts), so a job taken along here and also taken by BullMQ (another slot, a job run again after
// a Redis restart) is sent by whichever claims it first, and the other finds it claimed and sends nothing.
import type { Worker } from 'bullmq'
import type { RedisClient } from './redis-client.ts'

/** The `count` next waiting jobs (wait list oldest first, then prioritized), each with its data, while the holder's
 *  lock is ours; stops at a job without data. */
const PEEK = `
if redis.call('GET', KEYS[3]) ~= ARGV[3] then return {} end
local n = tonumber(ARGV[2])
local ids = {}
local w = redis.call('LRANGE', KEYS[1], -n, -1)
for i = #w, 1, -1 do ids[#ids + 1] = w[i] end
if #ids < n then
  local p = redis.call('ZRANGE', KEYS[2], 0, n - #ids - 1)
  for i = 1, #p do ids[#ids + 1] = p[i] end
end
local out = {}
for i = 1, #ids do
  local data = redis.call('HGET', ARGV[1] .. ids[i], 'data')
  if not data then break end
  out[#out + 1] = ids[i]
  out[#out + 1] = data
end
return out`

/** Finishes the given waiting jobs as BullMQ does with removeOnComplete (outbox.ts): taken out of `prioritized` (where
 *  every post waits: each has a priority) together, or else one by one out of `wait`, then all their hashes deleted
 *  in one DEL; a job found in neither (BullMQ took it meanwhile, a flush) is skipped. Returns how many were finished.
 *  Three commands a round (ZMSCORE, ZREM, DEL) where keeping each post as completed cost four a post (LREM, ZREM,
 *  HSET, ZADD): about two Redis commands less per check-in (issue #27). */
const COMPLETE = `
local ids = {}
for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end
local scores = redis.call('ZMSCORE', KEYS[2], unpack(ids))
local prioritized = {}
local gone = {}
for i = 1, #ids do
  if scores[i] then
    prioritized[#prioritized + 1] = ids[i]
    gone[#gone + 1] = ARGV[1] .. ids[i]
  elseif redis.call('LREM', KEYS[1], -1, ids[i]) == 1 then
    gone[#gone + 1] = ARGV[1] .. ids[i]
  end
end
if #prioritized > 0 then redis.call('ZREM', KEYS[2], unpack(prioritized)) end
if #gone > 0 then redis.call('DEL', unpack(gone)) end
return #gone`

type DrainRedis = RedisClient & {
  gridbotOutPeek(wait: string, prioritized: string, lock: string, jobPrefix: string, count: number, token: string): Promise<string[]>
  gridbotOutComplete(wait: string, prioritized: string, jobPrefix: string, ...ids: string[]): Promise<number>
}

export interface WaitingPost<T> {
  id: string
  data: T
}

const defined = new WeakSet<RedisClient>()

export class OutboundDrain {
  private readonly r: DrainRedis
  constructor(connection: RedisClient) {
    this.r = connection as DrainRedis
    if (!defined.has(connection)) {
      defined.add(connection)
      connection.defineCommand('gridbotOutPeek', { numberOfKeys: 3, lua: PEEK })
      connection.defineCommand('gridbotOutComplete', { numberOfKeys: 2, lua: COMPLETE })
    }
  }

  /** The account's `count` next waiting jobs, in BullMQ's order, while `holder` (the active job) holds its lock. */
  async peek<T>(worker: Worker<T>, holder: { id: string; token: string }, count: number): Promise<WaitingPost<T>[]> {
    const flat = await this.r.gridbotOutPeek(
      worker.toKey('wait'),
      worker.toKey('prioritized'),
      `${worker.toKey(holder.id)}:lock`,
      worker.toKey(''),
      count,
      holder.token,
    )
    const out: WaitingPost<T>[] = []
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [id, data] = [flat[i], flat[i + 1]]
      if (id !== undefined && data !== undefined) out.push({ id, data: JSON.parse(data) as T })
    }
    return out
  }

  /** Finishes sent jobs: out of waiting, and gone (as BullMQ's removeOnComplete leaves them). */
  async complete(worker: Worker, ids: string[]): Promise<number> {
    if (!ids.length) return 0
    return this.r.gridbotOutComplete(worker.toKey('wait'), worker.toKey('prioritized'), worker.toKey(''), ...ids)
  }
}
