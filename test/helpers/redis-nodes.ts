// A test's Redis, one server or a local Redis Cluster (its URL-like form, config/redis-url.ts), node by node: what
// KEYS, DEL and FLUSHALL mean on a cluster (each master holds only its own slots' keys).
import { Redis } from 'ioredis'
import { clusterAuth, clusterAuthOptions, clusterNodes, isClusterUrl, redisOptions } from '../../src/config/redis-url.ts'

/** One plain connection per server: the single one, or every master of the cluster. */
export function eachNode(redisUrl: string): Redis[] {
  if (!isClusterUrl(redisUrl)) return [new Redis(redisOptions(redisUrl) as never)]
  const auth = clusterAuthOptions(redisUrl)
  return clusterNodes(redisUrl).map((n) => new Redis({ host: n.host, port: n.port, ...auth }))
}

/** The environment naming this Redis: REDIS_URL, or REDIS_CLUSTER_NODES (with its password and TLS settings, as an
 *  operator writes them) for a cluster. */
export function redisEnv(redisUrl: string): Record<string, string> {
  if (!isClusterUrl(redisUrl)) return { REDIS_URL: redisUrl }
  const auth = clusterAuth(redisUrl)
  const set = (k: string, v: string | undefined): Record<string, string> => (v ? { [k]: v } : {})
  return {
    REDIS_CLUSTER_NODES: clusterNodes(redisUrl)
      .map((n) => `${n.host}:${n.port}`)
      .join(','),
    ...set('REDIS_CLUSTER_PASSWORD', auth.password),
    ...set('REDIS_CLUSTER_TLS', auth.tls ? '1' : undefined),
    ...set('REDIS_CLUSTER_TLS_CA', auth.ca),
    ...set('REDIS_CLUSTER_TLS_CERT', auth.cert),
    ...set('REDIS_CLUSTER_TLS_KEY', auth.key),
  }
}

/** Keys matching any of `patterns`, per node (same order as eachNode). */
export async function keysPerNode(redisUrl: string, patterns: string[]): Promise<string[][]> {
  const nodes = eachNode(redisUrl)
  try {
    return await Promise.all(nodes.map(async (r) => (await Promise.all(patterns.map((p) => r.keys(p)))).flat()))
  } finally {
    for (const r of nodes) r.disconnect()
  }
}

/** Deletes the keys matching `patterns` on every node (a test's own keys on a shared server). */
export async function deleteKeys(redisUrl: string, patterns: string[]): Promise<void> {
  const nodes = eachNode(redisUrl)
  try {
    for (const r of nodes) {
      const keys = (await Promise.all(patterns.map((p) => r.keys(p)))).flat()
      // A cluster node refuses one DEL of keys in several slots: one DEL each there, pipelined.
      if (isClusterUrl(redisUrl)) await keys.reduce((p, k) => p.del(k), r.pipeline()).exec()
      else for (let i = 0; i < keys.length; i += 500) await r.del(...keys.slice(i, i + 500))
    }
  } finally {
    for (const r of nodes) r.disconnect()
  }
}

/** FLUSHALL on every node. */
export async function flushEveryNode(redisUrl: string): Promise<void> {
  const nodes = eachNode(redisUrl)
  try {
    await Promise.all(nodes.map((r) => r.flushall()))
  } finally {
    for (const r of nodes) r.disconnect()
  }
}
