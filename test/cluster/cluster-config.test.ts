// REDIS_CLUSTER_NODES as an operator meets it: a node that is not a member of the cluster (cluster mode off, or
// never joined) stops `gridbot start` at once with a message naming that node; the cluster's own nodes start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { clusterNodes } from '../../src/config/redis-url.ts'
import { checkClusterNodes } from '../../src/jobs/cluster-check.ts'
import { freePort } from '../../src/runtime/free-port.ts'
import { ROOT } from '../helpers/cli-process.ts'
import { eachNode } from '../helpers/redis-nodes.ts'
import { freshStores, type TestStores } from '../helpers/stores.ts'
import { until } from '../helpers/wait.ts'

const GRIDBOT = path.join(ROOT, 'bin/gridbot.js')
const nodes = () => clusterNodes(inject('clusterUrl')).map((n) => `${n.host}:${n.port}`)
let stores: TestStores
let dir: string
const loners: ChildProcess[] = []
let standalone = ''
let unjoined = ''

/** A redis-server on its own, cluster mode on or off: a node that answers but is no member. */
async function loner(clusterEnabled: boolean): Promise<string> {
  const port = await freePort()
  const d = mkdtempSync(path.join(dir, 'node-'))
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', d, '--save', '', '--appendonly', 'no']
  if (clusterEnabled) args.push('--cluster-enabled', 'yes')
  loners.push(spawn('redis-server', args, { stdio: 'ignore' }))
  const [r] = eachNode(`redis://127.0.0.1:${port}`)
  r!.on('error', () => undefined)
  await until(`redis-server on ${port}`, async () => (await r!.ping().catch(() => '')) === 'PONG')
  r!.disconnect()
  return `127.0.0.1:${port}`
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-cluster-config-'))
  stores = await freshStores({ redisUrl: inject('clusterUrl') })
  standalone = await loner(false)
  unjoined = await loner(true)
})
afterAll(async () => {
  for (const l of loners) l.kill('SIGKILL')
  await stores?.cleanup()
  rmSync(dir, { recursive: true, force: true })
})

function start(clusterNodesValue: string) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GRIDBOT_NO_DOTENV: '1',
    GRIDBOT_HTTP_PORT: '0',
    DATABASE_URL: stores.dbUrl,
    REDIS_CLUSTER_NODES: clusterNodesValue,
    GRIDBOT_QUEUE_PREFIX: stores.prefix,
    GRIDBOT_CONNECT_TIMEOUT_MS: '5000',
  }
  return spawnSync(process.execPath, [GRIDBOT, 'start', '--role', 'worker'], { env, cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
}

describe('REDIS_CLUSTER_NODES', () => {
  it('stops the start naming a node whose cluster mode is off', () => {
    const r = start([...nodes(), standalone].join(','))
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain(`${standalone} 不是 Redis Cluster 的成员`)
    expect(r.stderr).toContain(`${standalone} is not a member of the Redis Cluster`)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('names a node in cluster mode that never joined', async () => {
    await expect(checkClusterNodes(clusterNodes(`redis-cluster://${[nodes()[0], unjoined].join(',')}`), 5_000)).rejects.toThrow(`${unjoined} is not a member`)
  })

  it("accepts the cluster's own nodes, any one of them enough to find the rest", async () => {
    await checkClusterNodes(clusterNodes(inject('clusterUrl')), 5_000)
    await checkClusterNodes(clusterNodes(`redis-cluster://${nodes()[1]}`), 5_000)
  })
})
