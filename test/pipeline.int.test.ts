// The pipeline's promises under stress: replays handled once, oversize texts ignored, Redis restarted or
// flushed between commands without losing a record, and gateway and worker as separate apps.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { startRedisServer } from '../src/runtime/redis-server.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import type { InboundMessage } from '../src/core/message.ts'
import { testSim, botSaid } from './helpers/sim.ts'

const GRID = '华府社区5号网格群'
const start = new Date('2026-11-20T09:00:00+08:00')

describe('pipeline', () => {
  it('handles a replayed message once, even after Redis forgot the job', async () => {
    const sim = await testSim({ start })
    try {
      const { roomId } = sim.world.room(GRID)
      const msg: InboundMessage = {
        accountId: 'bot-main',
        messageId: 'replayed-1',
        roomId,
        roomTopic: GRID,
        talkerId: 'wxid_lijiaxin',
        talkerName: '李佳鑫',
        kind: 'text',
        text: '#签到 走访 3户',
        mentionsSelf: false,
        receivedAt: start.toISOString(),
      }
      await sim.app.dispatch(msg)
      await sim.app.dispatch(msg) // straight to the dispatcher: no queue-level dedup helps here
      await sim.settle()
      expect(await sim.stores.db.prisma.checkin.count()).toBe(1)
      expect(botSaid(sim, GRID).filter((t) => t.includes('签到成功'))).toHaveLength(1)
      expect(sim.app.deps.counters.get('duplicate')).toBe(1)
    } finally {
      await sim.close()
    }
  })

  it('refuses a 100 KB command with a short reply, keeping only its start; long chat is ignored and counted', async () => {
    const sim = await testSim({ start })
    try {
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 ' + '很长'.repeat(50_000))
      sim.world.say(sim.world.person('李佳鑫'), GRID, '今天的会议纪要:' + '很长'.repeat(2_000))
      await sim.settle()
      const said = botSaid(sim, GRID)
      expect(said).toHaveLength(1)
      expect(said[0]).toContain('太长')
      expect(said[0]).toContain('2000')
      expect(await sim.stores.db.prisma.checkin.count()).toBe(0)
      const kept = await sim.stores.db.prisma.inboxMessage.findMany()
      expect(kept.map((r) => (r.payload as { text: string }).text.length)).toEqual([2001]) // the command, clipped; not the chat
      expect(sim.app.deps.counters.get('refused.oversize')).toBe(1)
      expect(sim.app.deps.counters.get('ignored.oversize')).toBe(1)
    } finally {
      await sim.close()
    }
  })

  it('loses nothing when Redis restarts between two commands', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-redis-restart-'))
    let redis = await startRedisServer({ dir })
    let sim: Awaited<ReturnType<typeof testSim>> | undefined
    try {
      sim = await testSim({ start, redisUrl: redis.url })
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 走访 1户')
      await sim.settle()
      await redis.stop()
      redis = await startRedisServer({ dir })
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 走访 2户')
      await sim.settle()
      const rows = await sim.stores.db.prisma.checkin.findMany({ orderBy: { id: 'asc' } })
      expect(rows.map((r) => r.households)).toEqual([1, 2])
      const replies = botSaid(sim, GRID)
      expect(replies.some((t) => t.includes('您今日第 2 次'))).toBe(true)
    } finally {
      await sim?.close()
      await redis.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('stops cleanly while Redis is down, and right after it came back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-redis-down-'))
    const servers: Awaited<ReturnType<typeof startRedisServer>>[] = []
    const redisUp = async () => servers[servers.push(await startRedisServer({ dir })) - 1]!
    const sims: Awaited<ReturnType<typeof testSim>>[] = []
    try {
      // Right after a restart some connections still wait to reconnect: stopping then used to hang for ever.
      const a = await testSim({ start, redisUrl: (await redisUp()).url })
      sims.push(a)
      a.world.say(a.world.person('李佳鑫'), GRID, '#签到 巡查')
      await a.settle()
      await servers[0]!.stop()
      await redisUp()
      await a.stop()
      expect(a.app.deps.counters.get('stop.workers_left_behind')).toBe(0) // each closed, none waited out
      expect(await a.stores.db.prisma.checkin.count()).toBe(1)
      // And with Redis gone altogether, a stop still ends (SIGTERM must not hang a gateway or worker).
      const b = await testSim({ start, redisUrl: servers[1]!.url })
      sims.push(b)
      await servers[1]!.stop()
      await b.stop()
      expect(b.app.deps.counters.get('stop.workers_left_behind')).toBe(0)
    } finally {
      for (const s of servers) await s.stop()
      const redis = await startRedisServer({ dir }) // the stores' cleanup deletes their keys there
      for (const sim of sims) await sim.close()
      await redis.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps every record when Redis is flushed between commands', async () => {
    const sim = await testSim({ start })
    try {
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 巡查')
      await sim.settle()
      const r = new Redis(redisOptions(sim.stores.redisUrl) as never)
      const keys = await r.keys(`${sim.stores.prefix}:*`)
      if (keys.length) await r.del(...keys) // FLUSHALL of this test's keys (other tests share the server)
      r.disconnect()
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 巡查')
      await sim.settle()
      expect(await sim.stores.db.prisma.checkin.count()).toBe(2)
      expect(botSaid(sim, GRID).some((t) => t.includes('您今日第 2 次'))).toBe(true)
    } finally {
      await sim.close()
    }
  })

  it('works with the gateway and the worker as separate apps', async () => {
    const sim = await testSim({ start, split: true })
    try {
      sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 走访 4户')
      await sim.settle()
      expect(botSaid(sim, GRID)[0]).toContain('签到成功')
      expect(await sim.stores.db.prisma.checkin.count()).toBe(1)
    } finally {
      await sim.close()
    }
  })

  it("handles one group's messages in the order they arrived, even when they arrive together", async () => {
    const sim = await testSim({ start })
    try {
      sim.app.deps.rateLimitPerMinute = 0
      // Two groups at once, so the worker really runs in parallel across groups.
      for (let i = 1; i <= 12; i++) {
        sim.world.say(sim.world.person('李佳鑫'), GRID, `#任务 第${i}项`)
        sim.world.say(sim.world.person('王书记'), '华府社区群', `#签到 议事 ${i}户`)
      }
      await sim.settle()
      const tasks = await sim.stores.db.prisma.task.findMany({ orderBy: { id: 'asc' } })
      expect(tasks.map((t) => t.title)).toEqual(Array.from({ length: 12 }, (_, i) => `第${i + 1}项`))
      const checkins = await sim.stores.db.prisma.checkin.findMany({ orderBy: { id: 'asc' } })
      expect(checkins.map((c) => c.households)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
      // And the replies come back in that order too.
      const created = botSaid(sim, GRID)
        .filter((t) => t.includes('已创建任务'))
        .map((t) => /「(.+?)」/.exec(t)![1])
      expect(created).toEqual(tasks.map((t) => t.title))
    } finally {
      await sim.close()
    }
  })

  it('records the images members send, for later evidence', async () => {
    const sim = await testSim({ start })
    try {
      await sim.world.sendImage(sim.world.person('李佳鑫'), GRID, path.resolve(import.meta.dirname, 'fixtures/photo.jpg'))
      await sim.settle()
      const media = await sim.stores.db.prisma.media.findMany()
      expect(media).toHaveLength(1)
      expect(media[0]).toMatchObject({ kind: 'image' })
    } finally {
      await sim.close()
    }
  })
})
