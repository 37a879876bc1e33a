// REDIS_CLUSTER_NODES checked at start, before any queue is made: every node named must answer, be a member of one
// and the same Redis Cluster, and the cluster must be serving (cluster_state:ok). A node that is not a member
// (cluster mode off, or never joined) ends the start at once, naming it; an unreachable one is waited for up to
// the connect timeout, like a single Redis (redis-wait.ts). ioredis alone would route around a stray node silently.
import { Redis } from 'ioredis'
import type { ClusterNode } from '../config/redis-url.ts'
import { StartupError } from '../core/startup-error.ts'
import { clusterCheckTexts as t } from './cluster-check.texts.ts'

interface Seen {
  node: string
  id: string
  /** Every node id this node knows of (CLUSTER NODES). */
  knows: Set<string>
  state: string
  slotsAssigned: number
}

const name = (n: ClusterNode) => `${n.host}:${n.port}`
const field = (info: string, key: string) => new RegExp(`^${key}:(\\S+)`, 'm').exec(info)?.[1] ?? ''

/** What one node says of itself; null while it cannot be reached (`last` gets the reason). `auth`: ioredis'
 *  username, password and tls for every node (clusterAuthOptions). */
async function look(n: ClusterNode, last: { error: string }, auth: Record<string, unknown>): Promise<Seen | null> {
  const r = new Redis({ host: n.host, port: n.port, ...auth, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 2_000 })
  // The failure is the answer, reported by the caller. A refused password comes as an error event (ioredis' HELLO
  // or AUTH on connect), the connect itself then only fails with "Connection is closed".
  let refused = ''
  r.on('error', (e: Error) => {
    refused = e.message
  })
  try {
    await r.connect()
  } catch (e) {
    last.error = refused || (e as Error).message
    r.disconnect()
    if (/WRONGPASS|NOAUTH|invalid password|AUTH <password> called without/i.test(last.error)) throw badAuth(name(n), last.error)
    if (TLS_REFUSED.test(last.error)) throw badTls(name(n), last.error)
    return null
  }
  try {
    const id = String(await r.call('CLUSTER', 'MYID'))
    const info = String(await r.call('CLUSTER', 'INFO'))
    const nodes = String(await r.call('CLUSTER', 'NODES'))
    const knows = new Set(
      nodes
        .split('\n')
        .map((l) => l.split(' ')[0] ?? '')
        .filter(Boolean),
    )
    return { node: name(n), id, knows, state: field(info, 'cluster_state'), slotsAssigned: Number(field(info, 'cluster_slots_assigned') || 0) }
  } catch (e) {
    const msg = (e as Error).message
    if (/WRONGPASS|NOAUTH/i.test(msg)) throw badAuth(name(n), msg)
    if (/cluster support disabled/i.test(msg)) throw notMember(name(n), t.clusterDisabled, 'cluster mode is off on that node')
    last.error = msg
    return null
  } finally {
    r.disconnect()
  }
}

const notMember = (node: string, zh: string, en: string) =>
  new StartupError('REDIS_CLUSTER_NODE_NOT_MEMBER', t.notMember(node, zh), `REDIS_CLUSTER_NODES: ${node} is not a member of the Redis Cluster: ${en}`)

/** A TLS handshake that failed for good (an untrusted or wrong certificate, either side; a garbled handshake): no
 *  retry will make it pass, so the start ends at once instead of waiting out the connect timeout. */
const TLS_REFUSED =
  /certificate|self[- ]signed|unable to (get|verify)|CERT_|ERR_TLS|ERR_SSL|SSL routines|wrong version number|packet length too long|alert (unknown ca|bad certificate|certificate required|handshake failure)/i

const badTls = (node: string, why: string) => new StartupError('REDIS_CLUSTER_TLS', t.badTls(node, why), `Redis Cluster node ${node}: TLS failed: ${why}`)

const badAuth = (node: string, why: string) =>
  new StartupError('REDIS_CLUSTER_AUTH', t.badAuth(node, why), `Redis Cluster node ${node} refused the credentials: ${why}`)

/** Resolves when every node answers as a member of one serving cluster; throws a StartupError naming the node. */
export async function checkClusterNodes(nodes: ClusterNode[], timeoutMs: number, auth: Record<string, unknown> = {}): Promise<void> {
  const until = Date.now() + timeoutMs
  const seen: Seen[] = []
  for (const n of nodes) {
    const last = { error: '' }
    let s: Seen | null = null
    while (!(s = await look(n, last, auth))) {
      if (Date.now() >= until) {
        const secs = Math.round(timeoutMs / 1000)
        throw new StartupError(
          'REDIS_UNREACHABLE',
          t.unreachable(name(n), secs, last.error),
          `cannot reach Redis Cluster node ${name(n)} within ${secs} s: ${last.error}`,
        )
      }
      await new Promise((res) => setTimeout(res, 500))
    }
    // A node on its own (never joined): it knows only itself and serves no slot.
    if (s.knows.size <= 1 && s.slotsAssigned === 0) throw notMember(s.node, t.notJoined, 'cluster mode is on but the node never joined (no slots)')
    seen.push(s)
  }
  const first = seen[0]
  if (!first) return
  for (const s of seen.slice(1)) if (!first.knows.has(s.id)) throw notMember(s.node, t.otherCluster(first.node), `it is not in the cluster of ${first.node}`)
  const sick = seen.find((s) => s.state !== 'ok')
  if (sick)
    throw new StartupError('REDIS_CLUSTER_NOT_OK', t.notOk(sick.node, sick.state), `Redis Cluster not serving (${sick.node}: cluster_state:${sick.state})`)
}
