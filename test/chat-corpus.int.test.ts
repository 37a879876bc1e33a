// 100+ lines of ordinary group chat (test/fixtures/group-chat.txt) through the whole app — mock WeChat → gateway →
// queues → PostgreSQL — from cadres, a supervisor and a guest, while a notice waits for 收到: no reply, no record, not
// one of them kept in the inbox, the notice still unacknowledged everywhere (issue #23).
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadOrgFile } from '../src/config/org-file.ts'
import { CHAT } from './helpers/chat-corpus.ts'
import { botSaid, testSim } from './helpers/sim.ts'

describe('ordinary group chat', () => {
  it('makes no record and gets no reply', async () => {
    const spec = await loadOrgFile(path.resolve(import.meta.dirname, 'fixtures/notices-org.yaml'))
    const sim = await testSim({ spec, start: new Date('2026-11-20T09:00:00+08:00') })
    try {
      const { world } = sim
      const db = sim.infra.db.prisma
      world.say(world.person('刘书记'), '人和路街道工作群', '#通知 明天上午九点开会')
      await sim.settle()
      const kept = await db.inboxMessage.count()
      const before = world.transcript.length
      const speakers: [string, string][] = [
        ['李佳鑫', '华府社区5号网格群'],
        ['陈晓', '华府社区6号网格群'],
        ['王书记', '华府社区群'],
        ['张大爷', '华府社区5号网格群'],
      ]
      for (const [i, line] of CHAT.entries()) {
        const [who, room] = speakers[i % speakers.length]!
        world.say(world.person(who), room, line)
      }
      await sim.settle()
      expect(world.transcript.slice(before).filter((l) => l.self)).toEqual([])
      expect(await db.inboxMessage.count()).toBe(kept)
      expect(await db.noticeDelivery.count({ where: { status: 'acknowledged' } })).toBe(0)
      const records = await Promise.all([db.checkin.count(), db.need.count(), db.hazard.count(), db.task.count(), db.volunteerEntry.count()])
      expect(records).toEqual([0, 0, 0, 0, 0])
      // The notice went out (the app was listening), and the lines were seen (the transcript has them).
      expect(botSaid(sim, '华府社区5号网格群').some((t) => t.includes('【通知 B1】'))).toBe(true)
      expect(world.transcript.slice(before).filter((l) => !l.self)).toHaveLength(CHAT.length)
    } finally {
      await sim.close()
    }
  })
})
