// A Redis URL as ioredis options. Used by the app's connections (src/jobs), the private redis-server starter
// (src/runtime) and the tests, so none of them has to import the others.

/** ioredis options for "redis://host:port/db", "rediss://…" or "unix:///path/to/socket". */
export function redisOptions(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (url.startsWith('unix://')) return { path: url.slice('unix://'.length), ...extra }
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    db: Number(u.pathname.slice(1) || 0),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    ...extra,
  }
}

// Redis Cluster (REDIS_CLUSTER_NODES=host:port,host:port,…) travels through the app as one string like a URL, so every
// place that hands a Redis location on (infra → queues → workers) carries it unchanged:
// `redis-cluster://host:port,host:port`. src/jobs/redis-client.ts opens it as an ioredis Cluster.
const CLUSTER_SCHEME = 'redis-cluster://'

export interface ClusterNode {
  host: string
  port: number
}

/** True for the cluster form of a Redis location. */
export const isClusterUrl = (url: string): boolean => url.startsWith(CLUSTER_SCHEME)

/** The nodes of REDIS_CLUSTER_NODES ("h1:7000, h2:7000"): empty entries skipped; null names the first bad entry. */
export function parseClusterNodes(list: string): { nodes: ClusterNode[]; bad: string | null } {
  const nodes: ClusterNode[] = []
  for (const raw of list.split(',')) {
    const entry = raw.trim()
    if (!entry) continue
    const m = /^(.+):(\d{1,5})$/.exec(entry)
    const port = m ? Number(m[2]) : 0
    const host = m?.[1]
    if (!host || port < 1 || port > 65_535 || host.includes('/')) return { nodes, bad: entry }
    nodes.push({ host: host.replace(/^\[(.*)\]$/, '$1'), port })
  }
  return { nodes, bad: null }
}

/** The cluster form of a node list. */
export const clusterUrl = (nodes: ClusterNode[]): string => CLUSTER_SCHEME + nodes.map((n) => `${n.host}:${n.port}`).join(',')

/** The nodes a cluster form names. */
export const clusterNodes = (url: string): ClusterNode[] => parseClusterNodes(url.slice(CLUSTER_SCHEME.length)).nodes
