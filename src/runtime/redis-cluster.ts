// A local Redis Cluster on loopback for the tests and the benchmark: N redis-server masters in cluster mode (no
// replicas), each in a folder of its own, the 16384 slots split between them and the nodes introduced to each other
// (what `redis-cli --cluster create … --cluster-replicas 0 --cluster-yes` does, done with the same commands so
// nothing but redis-server is needed). Same settings as the single private server: AOF, noeviction, loopback only.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
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

/** A port whose cluster bus port (+10000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const p = 20_000 + Math.floor(Math.random() * 20_000)
    if (taken.has(p) || taken.has(p + 10_000) || taken.has(p - 10_000)) continue
    if ((await portFree(p)) && (await portFree(p + 10_000))) return p
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitFor(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check().catch(() => false)) return
    await sleep(100)
  }
  throw new Error(`Redis Cluster: timed out waiting for ${what}`)
}

export async function startRedisCluster(opts: { dir: string; masters?: number; say?: (line: string) => void }): Promise<RedisClusterServer> {
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
      const dir = path.resolve(opts.dir, `node-${port}`)
      mkdirSync(dir, { recursive: true })
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf']
      args.push('--cluster-node-timeout', '5000', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction')
      args.push('--save', '', '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning', '--logfile', path.join(dir, 'redis.log'))
      children.push(spawn(bin, args, { stdio: 'ignore' }))
    }
    for (const port of ports) {
      const c = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: null })
      c.on('error', () => undefined) // not up yet: waited for below
      clients.push(c)
    }
    await waitFor('the nodes to start', async () => (await Promise.all(clients.map((c) => c.ping()))).every((p) => p === 'PONG'))
    // Slots split evenly, then every node introduced to the first.
    for (let i = 0; i < masters; i++) {
      const from = Math.floor((i * SLOTS) / masters)
      const to = Math.floor(((i + 1) * SLOTS) / masters) - 1
      await clients[i]!.call('CLUSTER', 'ADDSLOTSRANGE', String(from), String(to))
    }
    for (const port of ports.slice(1)) await clients[0]!.call('CLUSTER', 'MEET', '127.0.0.1', String(port))
    await waitFor('cluster_state:ok on every node', async () => {
      const infos = await Promise.all(clients.map((c) => c.call('CLUSTER', 'INFO')))
      return infos.every((i) => /cluster_state:ok/.test(String(i)) && new RegExp(`cluster_known_nodes:${masters}\\b`).test(String(i)))
    })
    for (const c of clients) c.disconnect()
    clients.length = 0
  } catch (e) {
    await stop()
    throw e
  }
  const nodes = ports.map((p) => `127.0.0.1:${p}`)
  return { url: clusterUrl(ports.map((port) => ({ host: '127.0.0.1', port }))), nodes, stop }
}
