// A Redis Cluster whose nodes want a password (requirepass = masterauth on each): REDIS_CLUSTER_PASSWORD (or the
// password written into REDIS_CLUSTER_NODES) reaches every node's connection — commands on every slot, a BullMQ
// queue and its worker, the start-up check — and a wrong or missing password stops the start at once, naming it.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Queue, Worker } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisLocation } from '../../src/config/env.ts'
import { clusterAuthOptions, clusterNodes } from '../../src/config/redis-url.ts'
import { checkClusterNodes } from '../../src/jobs/cluster-check.ts'
import { openRedis } from '../../src/jobs/redis-client.ts'
import { type RedisClusterServer, startRedisCluster } from '../../src/runtime/redis-cluster.ts'
import { until } from '../helpers/wait.ts'

const PASSWORD = 'grid,pass@word'
let dir: string
let cluster: RedisClusterServer
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-cluster-auth-'))
  cluster = await startRedisCluster({ dir, masters: 3, password: PASSWORD })
})
afterAll(async () => {
  await cluster?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const located = (env: { REDIS_CLUSTER_NODES: string; REDIS_CLUSTER_PASSWORD?: string }) => redisLocation({ REDIS_URL: undefined, ...env }) ?? ''

describe('a Redis Cluster with a password', () => {
  it('REDIS_CLUSTER_PASSWORD reaches every node: keys on every slot, a queue and its worker', async () => {
    const url = located({ REDIS_CLUSTER_NODES: cluster.nodes.join(','), REDIS_CLUSTER_PASSWORD: PASSWORD })
    const r = openRedis(url, { maxRetriesPerRequest: null })
    const worker = new Worker('auth-q', async (job) => `done ${job.data.n}`, {
      connection: openRedis(url, { maxRetriesPerRequest: null }) as never,
      prefix: '{auth}',
    })
    const queue = new Queue('auth-q', { connection: r as never, prefix: '{auth}' })
    try {
      for (let i = 0; i < 30; i++) await r.set(`k${i}`, String(i))
      expect(await Promise.all(Array.from({ length: 30 }, (_, i) => r.get(`k${i}`)))).toEqual(Array.from({ length: 30 }, (_, i) => String(i)))
      const job = await queue.add('x', { n: 7 })
      await until('the job done', async () => (await job.isCompleted()) === true)
      expect((await queue.getJob(job.id ?? ''))?.returnvalue).toBe('done 7')
    } finally {
      await worker.close()
      await queue.close()
      r.disconnect()
    }
  })

  it('the password may be written into REDIS_CLUSTER_NODES instead', async () => {
    const listed = cluster.nodes.map((n) => `redis://:${encodeURIComponent(PASSWORD)}@${n}`).join(',')
    const url = located({ REDIS_CLUSTER_NODES: listed })
    expect(clusterNodes(url).map((n) => `${n.host}:${n.port}`)).toEqual(cluster.nodes)
    await checkClusterNodes(clusterNodes(url), 5_000, clusterAuthOptions(url))
    const r = openRedis(url, { maxRetriesPerRequest: null })
    try {
      await r.set('listed', 'yes')
      expect(await r.get('listed')).toBe('yes')
    } finally {
      r.disconnect()
    }
  })

  it('a missing or wrong password stops the start at once, naming the node', async () => {
    const nodes = clusterNodes(cluster.url)
    const first = cluster.nodes[0] ?? ''
    await expect(checkClusterNodes(nodes, 60_000)).rejects.toMatchObject({ code: 'REDIS_CLUSTER_AUTH', message: expect.stringContaining(first) })
    const wrong = located({ REDIS_CLUSTER_NODES: cluster.nodes.join(','), REDIS_CLUSTER_PASSWORD: 'not-it' })
    await expect(checkClusterNodes(nodes, 60_000, clusterAuthOptions(wrong))).rejects.toMatchObject({ code: 'REDIS_CLUSTER_AUTH' })
  })
})
