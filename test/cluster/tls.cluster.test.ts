// A Redis Cluster on TLS only, with a password: certificates made by openssl here (a CA, a node certificate it
// signed, a CA that signed nothing), three masters with `port 0`, `tls-port`, `tls-cluster yes` (the cluster bus on
// TLS), `tls-replication yes` and client certificates required. gridbot reaches it through REDIS_CLUSTER_NODES,
// REDIS_CLUSTER_PASSWORD, REDIS_CLUSTER_TLS_CA, REDIS_CLUSTER_TLS_CERT and REDIS_CLUSTER_TLS_KEY: the pipeline runs
// through it; a wrong CA or no client certificate stops the start at once, naming the node.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEnv, redisLocation } from '../../src/config/env.ts'
import { clusterAuthOptions, clusterNodes } from '../../src/config/redis-url.ts'
import { checkClusterNodes } from '../../src/jobs/cluster-check.ts'
import { type RedisClusterServer, startRedisCluster } from '../../src/runtime/redis-cluster.ts'
import { redisEnv } from '../helpers/redis-nodes.ts'
import { botSaid, testSim } from '../helpers/sim.ts'
import { makeTestCerts, type TestCerts } from '../helpers/tls-certs.ts'

const PASSWORD = 'tls,pass@word'
const GRID = '华府社区5号网格群'
const COMMUNITY = '华府社区群'
const start = new Date('2026-11-20T09:00:00+08:00')

let dir: string
let certs: TestCerts
let cluster: RedisClusterServer
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-cluster-tls-'))
  certs = makeTestCerts(dir)
  cluster = await startRedisCluster({ dir, masters: 3, password: PASSWORD, tls: certs })
})
afterAll(async () => {
  await cluster?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** The cluster form gridbot makes of these settings. */
const located = (extra: Record<string, string>) =>
  redisLocation(loadEnv({ REDIS_CLUSTER_NODES: cluster.nodes.join(','), REDIS_CLUSTER_PASSWORD: PASSWORD, ...extra })) ?? ''

describe('a Redis Cluster on TLS with a password', () => {
  it('the nodes speak TLS only: a plain connection gets nothing', async () => {
    const [host, port] = (cluster.nodes[0] ?? '').split(':')
    const plain = new Redis({ host, port: Number(port), password: PASSWORD, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
    plain.on('error', () => undefined)
    await expect(plain.connect().then(() => plain.ping())).rejects.toThrow()
    plain.disconnect()
  })

  it('the settings gridbot documents reach every node, and the pipeline runs through it', async () => {
    const url = located({ REDIS_CLUSTER_TLS_CA: certs.ca, REDIS_CLUSTER_TLS_CERT: certs.cert, REDIS_CLUSTER_TLS_KEY: certs.key })
    expect(url).toBe(cluster.url)
    expect(redisEnv(url)).toMatchObject({ REDIS_CLUSTER_TLS: '1', REDIS_CLUSTER_TLS_CA: certs.ca, REDIS_CLUSTER_PASSWORD: PASSWORD })
    await checkClusterNodes(clusterNodes(url), 60_000, clusterAuthOptions(url))

    const sim = await testSim({ start, redisUrl: url, prefix: 'cluster-tls' })
    try {
      for (let i = 1; i <= 6; i++) {
        sim.world.say(sim.world.person('李佳鑫'), GRID, `#任务 第${i}项`)
        sim.world.say(sim.world.person('王书记'), COMMUNITY, `#签到 议事 ${i}户`)
      }
      await sim.settle()
      const tasks = await sim.stores.db.prisma.task.findMany({ orderBy: { id: 'asc' } })
      expect(tasks.map((t) => t.title)).toEqual(Array.from({ length: 6 }, (_, i) => `第${i + 1}项`))
      const checkins = await sim.stores.db.prisma.checkin.findMany({ orderBy: { id: 'asc' } })
      expect(checkins.map((c) => c.households)).toEqual(Array.from({ length: 6 }, (_, i) => i + 1))
      expect(botSaid(sim, GRID).filter((t) => t.includes('已创建任务'))).toHaveLength(6)
      expect(botSaid(sim, COMMUNITY).filter((t) => t.includes('签到成功'))).toHaveLength(6)
      const timers = await sim.app.timers.queue.getJobCounts('delayed', 'waiting')
      expect(timers.delayed! + timers.waiting!).toBeGreaterThan(0) // the tasks' timers, on the TLS cluster
    } finally {
      await sim.close()
    }
  })

  it('a wrong CA stops the start at once, naming the node (no wait for the connect timeout)', async () => {
    const url = located({ REDIS_CLUSTER_TLS_CA: certs.otherCa, REDIS_CLUSTER_TLS_CERT: certs.cert, REDIS_CLUSTER_TLS_KEY: certs.key })
    // An hour's connect timeout: a retry loop would hang the test; the refusal must come from the first handshake.
    await expect(checkClusterNodes(clusterNodes(url), 3_600_000, clusterAuthOptions(url))).rejects.toMatchObject({
      code: 'REDIS_CLUSTER_TLS',
      message: expect.stringContaining(cluster.nodes[0] ?? '?'),
    })
  })

  it('no client certificate, where the nodes ask for one, stops the start at once too', async () => {
    const url = located({ REDIS_CLUSTER_TLS_CA: certs.ca })
    await expect(checkClusterNodes(clusterNodes(url), 3_600_000, clusterAuthOptions(url))).rejects.toMatchObject({ code: 'REDIS_CLUSTER_TLS' })
  })

  it('a certificate without its key, or a file that is not there, is refused with the settings', () => {
    const base = { REDIS_CLUSTER_NODES: cluster.nodes.join(',') }
    expect(() => loadEnv({ ...base, REDIS_CLUSTER_TLS_CERT: certs.cert })).toThrow(/REDIS_CLUSTER_TLS_KEY/)
    expect(() => loadEnv({ ...base, REDIS_CLUSTER_TLS_CA: path.join(dir, 'missing.pem') })).toThrow(/REDIS_CLUSTER_TLS_CA.*missing\.pem/s)
  })
})
