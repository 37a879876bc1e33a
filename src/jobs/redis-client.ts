// One Redis location (REDIS_URL, or REDIS_CLUSTER_NODES in its cluster form: config/redis-url.ts) as an ioredis
// client: a Redis for one server, a Cluster for a Redis Cluster. Both take the same commands; the cluster routes
// each to the node holding its key's slot, so a command or script naming several keys must keep them in one slot
// (a hash tag: queue-names.ts).
import { Cluster, Redis } from 'ioredis'
import { clusterAuthOptions, clusterNodes, isClusterUrl, redisOptions } from '../config/redis-url.ts'

export type RedisClient = Redis | Cluster

/** Options that only mean something to the whole cluster client (the rest go to each node's connection). */
const CLUSTER_LEVEL = ['enableAutoPipelining', 'autoPipeliningIgnoredCommands', 'enableReadyCheck', 'lazyConnect', 'enableOfflineQueue'] as const

/** A client for `url`; `extra` are ioredis options (for a cluster: per-node, except the few cluster-level ones). */
export function openRedis(url: string, extra: Record<string, unknown> = {}): RedisClient {
  if (!isClusterUrl(url)) return new Redis(redisOptions(url, extra) as never)
  const top: Record<string, unknown> = {}
  // Credentials and TLS (REDIS_CLUSTER_PASSWORD, redis://:pw@ / rediss:// nodes) hold for every node.
  const perNode: Record<string, unknown> = { ...clusterAuthOptions(url), ...extra }
  for (const k of CLUSTER_LEVEL) {
    if (k in perNode) top[k] = perNode[k]
    delete perNode[k]
  }
  // A node's retryStrategy of `() => null` (give up at once) is the cluster's clusterRetryStrategy too.
  if (typeof perNode.retryStrategy === 'function') top.clusterRetryStrategy = perNode.retryStrategy
  return new Cluster(clusterNodes(url), { ...top, redisOptions: perNode })
}

export const isCluster = (r: RedisClient): r is Cluster => r instanceof Cluster
