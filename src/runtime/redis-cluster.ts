// A local Redis Cluster on loopback for the tests and the benchmark: N redis-server masters in cluster mode (no
// replicas), each in a folder of its own, the 16384 slots split between them and the nodes introduced to each other
// (what `redis-cli --cluster create … --cluster-replicas 0 --cluster-yes` does, done with the same commands so
// nothing but redis-server is needed). Same settings as the single private server: AOF, noeviction, loopback only.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { Redis } from 'ioredis'
import { clusterUrl } from '../config/redis-url.ts'
import { findRedisServer } from './system-packages.ts'

export interface RedisClusterServer {
  /** The cluster form of the nodes (what REDIS_CLUSTER_NODES becomes): redis-cluster://127.0.0.1:p1,… */
  url: string
  /** host:port of each master, for REDIS_CLUSTER_NODES. */
  nodes: string[]
  stop(): Promise<void>
}

const SLOTS = 16_384

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.once('error', () => resolve(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })
}

/** A port whose cluster bus port (+10000) is free too. Both below Linux's ephemeral range (32768–60999): a port
 *  found free there can be taken by any outgoing connection before the node binds it (seen: a bus port lost so). */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const p = 15_000 + Math.floor(Math.random() * 7_700)
    if (taken.has(p) || taken.has(p + 10_000) || taken.has(p - 10_000)) continue
    if ((await portFree(p)) && (await portFree(p + 10_000))) return p
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** `p`, or false after `ms`: a command to a node that is not there waits forever (maxRetriesPerRequest: null). */
const within = (p: Promise<boolean>, ms: number) => Promise.race([p.catch(() => false), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())])

async function waitFor(what: string, check: () => Promise<boolean>, ms = 30_000, gone: () => string | null = () => null): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const why = gone()
    if (why) throw new Error(`Redis Cluster: ${why} while waiting for ${what}`)
    if (await within(check(), 2_000)) return
    await sleep(100)
  }
  throw new Error(`Redis Cluster: timed out waiting for ${what}`)
}

/** PEM files: the CA, and the certificate + key each node serves, asks of its clients (tls-auth-clients yes) and
 *  shows the other nodes (the cluster bus over TLS too); the cluster form names them for gridbot's own clients. */
export interface ClusterTls {
  ca: string
  cert: string
  key: string
}

/** `password`: every node's requirepass and masterauth (the cluster form then carries it, as REDIS_CLUSTER_PASSWORD
 *  would). `tls`: nodes on TLS only (`port 0`, `tls-port`, `tls-cluster yes`, `tls-replication yes`). */
type ClusterOptions = { dir: string; masters?: number; password?: string; tls?: ClusterTls; say?: (line: string) => void }

/** Started on fresh ports again (up to three times) when a node exits at start: a port another process bound
 *  between our check and the node's own bind. */
export async function startRedisCluster(opts: ClusterOptions): Promise<RedisClusterServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts)
    } catch (e) {
      if (attempt >= 3 || !(e instanceof Error) || !e.message.includes('exited')) throw e
      opts.say?.(`${e.message}; starting again on other ports`)
    }
  }
}

/** One cluster node: AOF everysec and noeviction, as production runs BullMQ. */
function spawnNode(bin: string, dir: string, port: number, password: string | undefined, tls: ClusterTls | undefined): ChildProcess {
  mkdirSync(dir, { recursive: true })
  const listen = tls ? ['--port', '0', '--tls-port', String(port), '--tls-cluster', 'yes', '--tls-replication', 'yes'] : ['--port', String(port)]
  if (tls) listen.push('--tls-ca-cert-file', tls.ca, '--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-auth-clients', 'yes')
  const args = [...listen, '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf']
  args.push('--cluster-node-timeout', '5000', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction')
  args.push('--save', '', '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning', '--logfile', path.join(dir, 'redis.log'))
  if (password) args.push('--requirepass', password, '--masterauth', password)
  return spawn(bin, args, { stdio: 'ignore' })
}

/** Slots split evenly, then every node introduced to the first (what `redis-cli --cluster create` does). */
async function formCluster(clients: Redis[], ports: number[]): Promise<void> {
  const masters = clients.length
  for (const [i, c] of clients.entries()) {
    const from = Math.floor((i * SLOTS) / masters)
    const to = Math.floor(((i + 1) * SLOTS) / masters) - 1
    await c.call('CLUSTER', 'ADDSLOTSRANGE', String(from), String(to))
  }
  const [first] = clients
  for (const port of ports.slice(1)) await first?.call('CLUSTER', 'MEET', '127.0.0.1', String(port))
  await waitFor('cluster_state:ok on every node', async () => {
    const infos = await Promise.all(clients.map((c) => c.call('CLUSTER', 'INFO')))
    return infos.every((i) => /cluster_state:ok/.test(String(i)) && new RegExp(`cluster_known_nodes:${masters}\\b`).test(String(i)))
  })
}

async function startOnce(opts: ClusterOptions): Promise<RedisClusterServer> {
  const masters = opts.masters ?? 3
  const bin = findRedisServer(opts.say ?? (() => undefined))
  const taken = new Set<number>()
  const children: ChildProcess[] = []
  const ports: number[] = []
  const clients: Redis[] = []
  const stop = async () => {
    for (const c of clients) c.disconnect()
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
            setTimeout(() => child.kill('SIGKILL'), 5000).unref()
          }),
      ),
    )
  }
  try {
    for (let i = 0; i < masters; i++) {
      const port = await clusterPort(taken)
      taken.add(port)
      ports.push(port)
      children.push(spawnNode(bin, path.resolve(opts.dir, `node-${port}`), port, opts.password, opts.tls))
    }
    const tls = opts.tls && { ca: readFileSync(opts.tls.ca), cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) }
    for (const port of ports) {
      const c = new Redis({ host: '127.0.0.1', port, password: opts.password, tls, lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: null })
      c.on('error', () => undefined) // not up yet: waited for below
      clients.push(c)
    }
    const exited = () => {
      const i = children.findIndex((c) => c.exitCode !== null || c.signalCode !== null)
      return i < 0 ? null : `the node on port ${ports[i]} exited (its log: ${path.resolve(opts.dir, `node-${ports[i]}`, 'redis.log')})`
    }
    await waitFor('the nodes to start', async () => (await Promise.all(clients.map((c) => c.ping()))).every((p) => p === 'PONG'), 30_000, exited)
    await formCluster(clients, ports)
    for (const c of clients) c.disconnect()
    clients.length = 0
  } catch (e) {
    await stop()
    throw e
  }
  const nodes = ports.map((p) => `127.0.0.1:${p}`)
  return {
    url: clusterUrl(
      ports.map((port) => ({ host: '127.0.0.1', port })),
      { password: opts.password, tls: Boolean(opts.tls), ...opts.tls },
    ),
    nodes,
    stop,
  }
}
