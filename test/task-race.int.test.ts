// Two people claim the same task at the same moment (real PostgreSQL, concurrent transactions): one holds it, and
// the other is told who does — whether they lost at the read or at the conditional update.
import { describe, expect, it } from 'vitest'
import type { InboundMessage } from '../src/core/message.ts'
import { botSaid, testSim } from './helpers/sim.ts'

const GRID = '华府社区5号网格群'
const start = new Date('2026-11-20T09:00:00+08:00')

describe('claim race', () => {
  it('the loser hears who holds the task', async () => {
    const sim = await testSim({ start })
    try {
      const { roomId } = sim.world.room(GRID)
      let n = 0
      const msg = (talkerId: string, talkerName: string, text: string): InboundMessage => ({
        accountId: 'bot-main',
        messageId: `race-${++n}`,
        roomId,
        roomTopic: GRID,
        talkerId,
        talkerName,
        kind: 'text',
        text,
        mentionsSelf: false,
        receivedAt: start.toISOString(),
      })
      const rounds = 8
      for (let i = 1; i <= rounds; i++) {
        await sim.app.dispatch(msg('wxid_lijiaxin', '李佳鑫', `#任务 抢单测试${i}`))
        await Promise.all([sim.app.dispatch(msg('wxid_lijiaxin', '李佳鑫', `#认领 T${i}`)), sim.app.dispatch(msg('wxid_wang', '王书记', `#认领 T${i}`))])
      }
      await sim.settle()
      const said = botSaid(sim, GRID)
      for (let i = 1; i <= rounds; i++) {
        const won = said.filter((t) => t.includes(`已认领 T${i}「`))
        const lost = said.filter((t) => new RegExp(`T${i} 已由(李佳鑫|王书记)认领`).test(t))
        expect(won, `T${i}`).toHaveLength(1)
        expect(lost, `T${i}`).toHaveLength(1)
      }
      expect(said.filter((t) => t.includes('刚刚有了变化'))).toEqual([])
      expect(await sim.stores.db.prisma.task.count({ where: { status: 'claimed' } })).toBe(rounds)
    } finally {
      await sim.close()
    }
  })
})
