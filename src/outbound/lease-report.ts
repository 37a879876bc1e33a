// `gridbot accounts`' holder column: which gateway (host/pid) holds each account's lease now, read from Redis once,
// with a short limit (the listing still answers, without the column's facts, while Redis is away).
import { openRedis } from '../jobs/redis-client.ts'
import { within } from '../core/time-limit.ts'
import { leaseHolders, type LeaseHolder } from './account-lease.ts'

export async function readLeaseHolders(redisUrl: string | undefined, prefix: string, accountIds: string[]): Promise<Map<string, LeaseHolder> | null> {
  if (!redisUrl) return null
  const redis = openRedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null })
  try {
    return await within(
      3_000,
      redis.connect().then(() => leaseHolders(redis, prefix, accountIds)),
      null,
    )
  } catch {
    return null
  } finally {
    redis.disconnect()
  }
}
