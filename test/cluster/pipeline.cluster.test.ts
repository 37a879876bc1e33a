// The pipeline on a local 3-master Redis Cluster (REDIS_CLUSTER_NODES): messages handled in each group's order,
// every queue's keys under its own hash tag and the queues spread over the nodes, and after FLUSHALL on every node
// the sweeper puts the timers back and the next messages are handled as before.
import { describe, expect, it, inject } from 'vitest'
import { hashedPart } from '../../src/jobs/queue-slots.ts'
import { flushEveryNode, keysPerNode } from '../helpers/redis-nodes.ts'
import { botSaid, testSim } from '../helpers/sim.ts'

const GRID = '华府社区5号网格群'
const COMMUNITY = '华府社区群'
const start = new Date('2026-11-20T09:00:00+08:00')

describe('pipeline on a Redis Cluster', () => {
  it("handles each group's messages in order, every queue on its own hash tag, the shards spread over the nodes", async () => {
    // A fixed prefix: which node holds which queue is then the same in every run (the slots are split evenly).
    const prefix = 'cluster-pipe'
    const sim = await testSim({ start, redisUrl: inject('clusterUrl'), prefix })
    try {
      for (let i = 1; i <= 12; i++) {
        sim.world.say(sim.world.person('李佳鑫'), GRID, `#任务 第${i}项`)
        sim.world.say(sim.world.person('王书记'), COMMUNITY, `#签到 议事 ${i}户`)
      }
      await sim.settle()
      const tasks = await sim.stores.db.prisma.task.findMany({ orderBy: { id: 'asc' } })
      expect(tasks.map((t) => t.title)).toEqual(Array.from({ length: 12 }, (_, i) => `第${i + 1}项`))
      const checkins = await sim.stores.db.prisma.checkin.findMany({ orderBy: { id: 'asc' } })
      expect(checkins.map((c) => c.households)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
      const created = botSaid(sim, GRID)
        .filter((t) => t.includes('已创建任务'))
        .map((t) => /「(.+?)」/.exec(t)![1])
      expect(created).toEqual(tasks.map((t) => t.title))
      expect(botSaid(sim, COMMUNITY).filter((t) => t.includes('签到成功'))).toHaveLength(12)

      const perNode = await keysPerNode(sim.stores.redisUrl, [`${prefix}:*`, `{${prefix}:*`])
      const all = perNode.flat()
      // Every BullMQ key is under a queue's tag; the only untagged keys are gridbot's own single-key ones.
      const untagged = all.filter((k) => !k.startsWith('{'))
      expect(untagged.filter((k) => !/^cluster-pipe:(rl|lease|lease-token|alive|timers:swept)(:|$)/.test(k))).toEqual([])
      const tags = new Set(all.filter((k) => k.startsWith('{')).map(hashedPart))
      expect([...tags].filter((t) => !/^cluster-pipe:(in:\d+|out:.+|timers)$/.test(t))).toEqual([])
      expect([...tags].filter((t) => t.includes(':in:'))).toHaveLength(16) // every shard's limit is written at start
      expect(tags).toContain('cluster-pipe:timers')
      expect(tags).toContain('cluster-pipe:out:bot-main')
      // The 16 shards' keys live on more than one node.
      const shardNodes = perNode.filter((keys) => keys.some((k) => k.startsWith(`{${prefix}:in:`)))
      expect(shardNodes.length).toBeGreaterThan(1)
    } finally {
      await sim.close()
    }
  })

  it('after FLUSHALL on every node, the sweeper restores the timers and nothing is lost', async () => {
    const sim = await testSim({ start, redisUrl: inject('clusterUrl') })
    try {
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#任务 清理楼道杂物')
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 巡查')
      await sim.settle()
      const timers = sim.app.timers.queue
      const before = await timers.getJobCounts('delayed', 'waiting')
      expect(before.delayed! + before.waiting!).toBeGreaterThan(0)

      await flushEveryNode(sim.stores.redisUrl)
      const gone = await timers.getJobCounts('delayed', 'waiting')
      expect(gone.delayed! + gone.waiting!).toBe(0)

      const swept = await sim.app.sweep()
      expect(swept.full).toBe(true) // the sweeper's marker went with the flush: every pending timer is checked
      expect(swept.repaired).toBeGreaterThan(0)
      const after = await timers.getJobCounts('delayed', 'waiting')
      expect(after.delayed! + after.waiting!).toBeGreaterThanOrEqual(before.delayed! + before.waiting!)

      sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 巡查')
      await sim.settle()
      expect(await sim.stores.db.prisma.checkin.count()).toBe(2)
      expect(botSaid(sim, GRID).some((t) => t.includes('您今日第 2 次'))).toBe(true)
      expect(await sim.stores.db.prisma.task.count()).toBe(1)
    } finally {
      await sim.close()
    }
  })
})
