// Escalation's promises: a step posts once whatever happens to its job; a Redis flush loses no escalation (a task's
// or a need's); many tasks escalating together all post.
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { redisOptions } from '../src/config/redis-url.ts'
import { escalateHandler } from '../src/capabilities/tasks/timer-handlers.ts'
import { testSim, botSaid } from './helpers/sim.ts'

const GRID = '华府社区5号网格群'
const COMMUNITY = '华府社区群'
const start = new Date('2026-11-20T09:00:00+08:00')

describe('escalation', () => {
  it('posts each step once when its job is duplicated, retried or stale', async () => {
    const sim = await testSim({ start })
    try {
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#任务 修复路灯')
      await sim.settle()
      await sim.advance(10 * 60_000)
      expect(botSaid(sim, GRID).filter((t) => t.includes('无人认领'))).toHaveLength(1)
      const task = await sim.stores.db.prisma.task.findFirstOrThrow()
      const run = escalateHandler(sim.app.deps)
      // The same step again (a duplicate or a retry after a crash): re-posted under the same key, deduplicated.
      expect(await run({ subjectId: task.id, cycle: task.escalationCycle, step: 0 })).toBe('reposted')
      // A step from the future, and one from an old cycle: nothing.
      expect(await run({ subjectId: task.id, cycle: task.escalationCycle, step: 2 })).toBe('stale')
      expect(await run({ subjectId: task.id, cycle: task.escalationCycle - 1, step: 1 })).toBe('stale')
      // Two runs of the next step at once: exactly one claims it.
      sim.clock.advance(10 * 60_000)
      const outcomes = await Promise.all([
        run({ subjectId: task.id, cycle: task.escalationCycle, step: 1 }),
        run({ subjectId: task.id, cycle: task.escalationCycle, step: 1 }),
      ])
      expect(outcomes.filter((o) => o === 'posted')).toHaveLength(1)
      await sim.settle()
      expect(botSaid(sim, GRID).filter((t) => t.includes('无人认领'))).toHaveLength(1)
      expect(botSaid(sim, COMMUNITY).filter((t) => t.includes('第1级'))).toHaveLength(1)
      const events = await sim.stores.db.prisma.taskEvent.findMany({ where: { kind: 'escalated' } })
      expect(events.map((e) => e.level).sort()).toEqual([0, 1])
    } finally {
      await sim.close()
    }
  })

  it('restores pending escalations after a Redis FLUSHALL (the sweeper)', async () => {
    const sim = await testSim({ start })
    try {
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#任务 修复路灯')
      await sim.settle()
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#任务 清理楼道 紧急')
      await sim.settle()
      expect(await sim.app.timers.queue.getDelayedCount()).toBe(2)
      const r = new Redis(redisOptions(sim.stores.redisUrl) as never)
      const keys = await r.keys(`${sim.stores.prefix}:*`)
      await r.del(...keys) // FLUSHALL, for this test's keys only (the server is shared)
      r.disconnect()
      expect(await sim.app.timers.queue.getDelayedCount()).toBe(0)
      await sim.advance(10 * 60_000)
      expect(sim.app.deps.counters.get('sweeper.repaired')).toBe(2)
      const said = botSaid(sim, GRID)
      expect(said.filter((t) => t.includes('T1') && t.includes('无人认领'))).toHaveLength(1)
      expect(said.filter((t) => t.includes('T2') && t.includes('无人认领'))).toHaveLength(1)
      expect(botSaid(sim, COMMUNITY).filter((t) => t.includes('T2') && t.includes('第1级'))).toHaveLength(1)
    } finally {
      await sim.close()
    }
  })

  it("restores a need's clock after a Redis FLUSHALL (the sweeper): it still climbs, each step once", async () => {
    const sim = await testSim({ start })
    try {
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#需求 3号楼王奶奶家水管漏水')
      await sim.settle()
      sim.world.say(sim.world.person('张大爷'), GRID, '#需求 单元门禁坏了')
      await sim.settle()
      expect(await sim.app.timers.queue.getDelayedCount()).toBe(2)
      const r = new Redis(redisOptions(sim.stores.redisUrl) as never)
      const keys = await r.keys(`${sim.stores.prefix}:*`)
      await r.del(...keys) // FLUSHALL, for this test's keys only (the server is shared)
      r.disconnect()
      expect(await sim.app.timers.queue.getDelayedCount()).toBe(0)
      await sim.advance(3 * 86_400_000)
      expect(sim.app.deps.counters.get('sweeper.repaired')).toBeGreaterThanOrEqual(2)
      const grid = botSaid(sim, GRID)
      expect(grid.filter((t) => t.includes('需求 N1') && t.includes('已3天未转为任务'))).toHaveLength(1)
      expect(grid.filter((t) => t.includes('居民需求 N2') && t.includes('未确认'))).toHaveLength(1)
      await sim.advance(3 * 86_400_000)
      const community = botSaid(sim, COMMUNITY)
      expect(community.filter((t) => t.includes('第1级') && t.includes('需求 N1'))).toHaveLength(1)
      expect(community.filter((t) => t.includes('第1级') && t.includes('需求 N2'))).toHaveLength(1)
      const needs = await sim.stores.db.prisma.need.findMany({ orderBy: { number: 'asc' } })
      expect(needs.map((n) => n.escalationLevel)).toEqual([1, 1])
    } finally {
      await sim.close()
    }
  })

  it('posts every one of 50 tasks escalating at once', async () => {
    const sim = await testSim({ start })
    try {
      sim.app.deps.rateLimitPerMinute = 0 // one cadre types all 50: not what the rate limit is for
      for (let i = 1; i <= 50; i++) sim.world.say(sim.world.person('李佳鑫'), GRID, `#任务 第${i}项排查`)
      await sim.settle()
      expect(await sim.stores.db.prisma.task.count()).toBe(50)
      await sim.advance(20 * 60_000)
      const level0 = botSaid(sim, GRID).filter((t) => t.includes('无人认领'))
      const level1 = botSaid(sim, COMMUNITY).filter((t) => t.includes('第1级'))
      expect(new Set(level0.map((t) => /T(\d+)/.exec(t)![1])).size).toBe(50)
      expect(level0).toHaveLength(50)
      expect(level1).toHaveLength(50)
    } finally {
      await sim.close()
    }
  })
})
