// Command handlers through the real dispatcher with no services: embedded PostgreSQL (PGlite, in process),
// a recording outbox, a manual scheduler, an in-memory rate limit and a virtual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { escalateHandler } from '../../src/capabilities/tasks/timer-handlers.ts'
import { redeliver } from '../../src/domain/inbox/redelivery.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { tempMedia } from '../helpers/seams.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const GRID = 'room-华府社区5号网格群'
const COMMUNITY = 'room-华府社区群'
const DISTRICT = 'room-二七区网格总群'
let h: Harness
let db: Harness['db']
let clock: Harness['clock']
let outbox: Harness['outbox']
let scheduler: Harness['scheduler']
let counters: Harness['counters']
let log: Harness['log']

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-11-20T09:00:00+08:00'))
  ;({ db, clock, outbox, scheduler, counters, log } = h)
})
afterAll(() => db?.close())

const say = (roomId: string, talkerId: string, text: string, roomTopic: string | null = null) => h.say(roomId, talkerId, text, roomTopic)

describe('handlers without services', () => {
  it('records a check-in and answers once', async () => {
    const said = await say(GRID, 'wxid_lijiaxin', '#签到 走访 5户')
    expect(said).toHaveLength(1)
    expect(said[0]).toContain('签到成功')
    expect(await db.prisma.checkin.count()).toBe(1)
  })

  it('answers a malformed command with the problem and one example', async () => {
    const said = await say(GRID, 'wxid_lijiaxin', '#认领 第三个')
    expect(said).toEqual(['任务编号应为 T 加数字,如 T12(收到的是「第三个」)\n例如:#认领 T12'])
  })

  it('schedules the first escalation of a new task on the manual scheduler, and nothing is posted elsewhere', async () => {
    const said = await say(GRID, 'wxid_lijiaxin', '#任务 修复路灯 紧急')
    expect(said.join()).toContain('已创建任务 T1【紧急】「修复路灯」')
    const timers = [...scheduler.pending.values()]
    expect(timers).toEqual([expect.objectContaining({ kind: 'escalate', step: 0, dueAt: new Date(clock.now().getTime() + 3 * 60_000) })])
    expect(outbox.to(COMMUNITY)).toEqual([])
  })

  it('accepts the full stop phones add after an id, and answers an id out of range as not found', async () => {
    clock.advance(61_000) // a new rate-limit window (3 a minute in this suite)
    expect(await say(GRID, 'wxid_lijiaxin', '#认领 T1。')).toEqual([expect.stringContaining('已认领 T1「修复路灯」')])
    expect(await say(GRID, 'wxid_lijiaxin', '#认领 T999999999999')).toEqual([expect.stringContaining('没有任务 T999999999999')])
  })

  it('rate-limits on the injected clock: past the limit records are kept and acknowledged together after the window', async () => {
    const sender = 'wxid_yang'
    clock.advance(61_000)
    const before = await db.prisma.checkin.count()
    for (let i = 0; i < 3; i++) await say(GRID, sender, '#签到 巡查')
    expect(await say(GRID, sender, '#签到 巡查')).toEqual([expect.stringContaining('太快')])
    expect(await say(GRID, sender, '#签到 巡查')).toEqual([]) // kept, answered later
    expect(await say(GRID, sender, '#认领 第三个')).toEqual([expect.stringContaining('任务编号应为')]) // a refusal is still answered
    expect(await say(GRID, sender, '#签到 巡查')).toEqual([])
    expect(await db.prisma.checkin.count()).toBe(before + 6)
    // After the window the sweeper sends one summary for the three held back.
    clock.advance(120_000)
    outbox.clear()
    await redeliver(
      { prisma: db.prisma, clock, log, counters, resend: (m, key) => outbox.send(m, key), requeue: async () => undefined, afterMs: 60_000 },
      false,
    )
    expect(outbox.to(GRID)).toEqual([expect.stringContaining('其余 3 条消息均已记录')])
    // The next window is a new one.
    expect(await say(GRID, sender, '#我的')).toEqual([expect.stringContaining('小杨')])
  })
})

/** Moves virtual time on and runs the escalation timers that came due, as the timers worker would. */
async function advance(ms: number) {
  clock.advance(ms)
  const run = escalateHandler({ prisma: db.prisma, outbox, scheduler, clock, log, counters, media: tempMedia() })
  for (const t of scheduler.due(clock.now())) if (t.kind === 'escalate') await run(t)
}

describe('personal data stays in its own group', () => {
  const PHONE = '13812345678'
  const ID = '410102195003041234'
  it('escalations, reads and lists from rooms above are masked; the full record is given when asked, and audited', async () => {
    clock.advance(3_600_000)
    await say(GRID, 'wxid_lijiaxin', `#需求 3号楼2单元301王秀英(电话${PHONE},身份证${ID})家中水管漏水,独居`)
    const created = await say(GRID, 'wxid_lijiaxin', '#任务 转 N1 紧急')
    expect(created.join()).toContain(PHONE) // the grid's own group sees what it typed
    outbox.clear()
    await advance(3 * 60_000) // level 0: the grid's own group
    await advance(3 * 60_000) // level 1: the community's group
    const community = outbox.to(COMMUNITY)
    expect(community).toHaveLength(1)
    expect(community[0]).toContain('第1级')
    expect(community[0]).toContain('138****5678')
    expect(community[0]).not.toContain(PHONE)
    expect(community[0]).not.toContain(ID)
    expect(community[0]).not.toContain('301')

    const read = await say(DISTRICT, 'wxid_sun', '#任务 T2')
    expect(read.join()).not.toContain(PHONE)
    expect(read.join()).toContain('完整')
    const list = await say(DISTRICT, 'wxid_sun', '#任务列表 全部')
    expect(list.join()).toContain('T2')
    expect(list.join()).not.toContain(PHONE)

    const full = await say(DISTRICT, 'wxid_sun', '#任务 T2 完整')
    expect(full.join()).toContain(PHONE)
    expect(full.join()).toContain('查看完整记录')
  })

  it('the holder hears it when a supervisor takes the task over from a room above, and that room gets one message', async () => {
    clock.advance(61_000)
    await say(GRID, 'wxid_lijiaxin', '#认领 T2')
    const took = await say(DISTRICT, 'wxid_sun', '#接手 T2')
    expect(took).toHaveLength(1)
    expect(took[0]).toContain('您已接手 T2')
    expect(took[0]).not.toContain(PHONE)
    const grid = outbox.sent.filter((m) => m.roomId === GRID)
    expect(grid).toEqual([expect.objectContaining({ mentionIds: ['wxid_lijiaxin'], text: expect.stringContaining('孙区长 已接手') })])
  })

  it('the holder is named in the reply when the task is cancelled in its own room', async () => {
    clock.advance(61_000)
    await say(GRID, 'wxid_lijiaxin', '#任务 清理楼道')
    await say(GRID, 'wxid_lijiaxin', '#认领 T3')
    const said = outbox.sent
    await say(GRID, 'wxid_wang', '#取消 T3 重复')
    expect(said).toHaveLength(1)
    expect(said[0]).toMatchObject({ mentionIds: expect.arrayContaining(['wxid_wang', 'wxid_lijiaxin']), text: expect.stringContaining('李佳鑫 您无需再办理') })
  })
})

describe('binding a group', () => {
  it("asks before a look-alike group takes over a unit's group, then tells the group it replaced", async () => {
    clock.advance(61_000)
    const CLONE = 'clone@chatroom'
    const asked = await say(CLONE, 'wxid_admin', '#绑定 华府社区5号网格', '华府社区5号网格群')
    expect(asked.join()).toContain('确认改绑请发送:#绑定 华府社区5号网格 确认')
    expect(await say(GRID, 'wxid_lijiaxin', '#我的')).toEqual([expect.stringContaining('李佳鑫')]) // nothing changed
    const done = await say(CLONE, 'wxid_admin', '#绑定 华府社区5号网格 确认', '华府社区5号网格群')
    expect(done.join()).toContain('已绑定到「华府社区5号网格」')
    expect(outbox.to(GRID)).toEqual([expect.stringContaining('赵管理 已将「华府社区5号网格」改绑')])
    expect(await say(GRID, 'wxid_lijiaxin', '#我的')).toEqual([expect.stringContaining('尚未绑定')])
  })
})
