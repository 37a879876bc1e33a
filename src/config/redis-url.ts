import { readFileSync } from 'node:fs'

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
// A node may be written as a URL, `redis://:password@host:port` or `rediss://user:password@host:port` (TLS): the
// credentials and TLS hold for every node (a cluster has one password: `requirepass` = `masterauth` on each node);
// REDIS_CLUSTER_PASSWORD sets the password without writing it into the list. The cluster form then writes every node
// as such a URL (the password percent-encoded, so a comma in it does not split the list).
// TLS (REDIS_CLUSTER_TLS=1 or `rediss://` nodes) trusts the system's CAs unless REDIS_CLUSTER_TLS_CA names a PEM file;
// REDIS_CLUSTER_TLS_CERT/_KEY are the client certificate for nodes that ask for one (tls-auth-clients yes). The
// cluster form carries those file paths on every node as `?ca=…&cert=…&key=…`; they are read when a client opens.
const CLUSTER_SCHEME = 'redis-cluster://'

export interface ClusterNode {
  host: string
  port: number
}

/** What every node of a cluster is connected with. */
export interface ClusterAuth {
  username?: string
  password?: string
  tls: boolean
  /** PEM files (paths): the CA the nodes' certificates are checked against, and the client certificate and key. */
  ca?: string
  cert?: string
  key?: string
}

const TLS_FILES = ['ca', 'cert', 'key'] as const

/** True for the cluster form of a Redis location. */
export const isClusterUrl = (url: string): boolean => url.startsWith(CLUSTER_SCHEME)

/** One `redis://` / `rediss://` entry: its node, and what it says of the credentials and TLS; null when malformed. */
function urlEntry(entry: string, auth: ClusterAuth): ClusterNode | null {
  let u: URL
  try {
    u = new URL(entry)
  } catch {
    return null
  }
  if (!u.hostname || (u.pathname && u.pathname !== '/')) return null
  if ([...u.searchParams.keys()].some((k) => !(TLS_FILES as readonly string[]).includes(k))) return null
  if (u.username) auth.username = decodeURIComponent(u.username)
  if (u.password) auth.password = decodeURIComponent(u.password)
  if (u.protocol === 'rediss:') auth.tls = true
  for (const f of TLS_FILES) {
    const file = u.searchParams.get(f)
    if (file) auth[f] = file
  }
  return { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(u.port || 6379) }
}

/** The nodes of REDIS_CLUSTER_NODES ("h1:7000, h2:7000", or URLs): empty entries skipped; null names the first bad
 *  entry; `auth` what the URL entries say. */
export function parseClusterNodes(list: string): { nodes: ClusterNode[]; bad: string | null; auth: ClusterAuth } {
  const nodes: ClusterNode[] = []
  const auth: ClusterAuth = { tls: false }
  for (const raw of list.split(',')) {
    const entry = raw.trim()
    if (!entry) continue
    if (/^rediss?:\/\//.test(entry)) {
      const n = urlEntry(entry, auth)
      if (!n) return { nodes, bad: entry, auth }
      nodes.push(n)
      continue
    }
    const m = /^(.+):(\d{1,5})$/.exec(entry)
    const port = m ? Number(m[2]) : 0
    const host = m?.[1]
    if (!host || port < 1 || port > 65_535 || host.includes('/')) return { nodes, bad: entry, auth }
    nodes.push({ host: host.replace(/^\[(.*)\]$/, '$1'), port })
  }
  return { nodes, bad: null, auth }
}

const hostOf = (n: ClusterNode) => (n.host.includes(':') ? `[${n.host}]` : n.host)

/** The cluster form of a node list (with what every node is connected with). */
export function clusterUrl(nodes: ClusterNode[], auth: ClusterAuth = { tls: false }): string {
  if (!auth.password && !auth.username && !auth.tls) return CLUSTER_SCHEME + nodes.map((n) => `${n.host}:${n.port}`).join(',')
  const cred = auth.username || auth.password ? `${encodeURIComponent(auth.username ?? '')}:${encodeURIComponent(auth.password ?? '')}@` : ''
  const files = TLS_FILES.filter((f) => auth.tls && auth[f]).map((f) => `${f}=${encodeURIComponent(auth[f] ?? '')}`)
  const query = files.length ? `?${files.join('&')}` : ''
  return CLUSTER_SCHEME + nodes.map((n) => `${auth.tls ? 'rediss' : 'redis'}://${cred}${hostOf(n)}:${n.port}${query}`).join(',')
}

/** The nodes a cluster form names. */
export const clusterNodes = (url: string): ClusterNode[] => parseClusterNodes(url.slice(CLUSTER_SCHEME.length)).nodes

/** What every node of a cluster form is connected with (credentials, TLS and its files). */
export const clusterAuth = (url: string): ClusterAuth => parseClusterNodes(url.slice(CLUSTER_SCHEME.length)).auth

/** The TLS options of ioredis (Node's tls.connect) for `auth`: its PEM files read now. */
function tlsOptions(auth: ClusterAuth): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of TLS_FILES) {
    const file = auth[f]
    if (file) out[f] = readFileSync(file)
  }
  return out
}

/** What every node of a cluster form is connected with, as ioredis options (username, password, tls). */
export function clusterAuthOptions(url: string): Record<string, unknown> {
  const auth = clusterAuth(url)
  return {
    ...(auth.username ? { username: auth.username } : {}),
    ...(auth.password ? { password: auth.password } : {}),
    ...(auth.tls ? { tls: tlsOptions(auth) } : {}),
  }
}
