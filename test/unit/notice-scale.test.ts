// Issue #23 at the reports' scale: the generated district (15 towns, 109 communities, 1,034 grids: 1,158 groups
// besides the district's own) on 8 accounts, one of them logged out. Through the real dispatcher (PGlite, recording
// outbox): the plan names the groups waiting on the down account; `#通知 状态 B1` is one message of at most 800
// characters with one line per town, unacknowledged first; drilling into a town and paging the unacknowledged groups
// stay one message each; at the SLA each unacknowledged group is re-@-ed once and each parent gets one summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Effects } from '../../src/core/effects.ts'
import { generateDistrict } from '../../src/config/org-generate.ts'
import { runNoticeEscalation, runNoticeSla } from '../../src/capabilities/notices/notice-escalation.service.ts'
import { deliveriesSent } from '../../src/capabilities/notices/notice.service.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034, accounts: 8 })
const HOME = `room-${spec.rooms[0]!.topic}`
const SUP = spec.members.find((m) => m.unit === spec.district && m.role === 'supervisor')!.wxid!
let h: Harness

beforeAll(async () => {
  h = await harness(spec, new Date('2026-11-20T09:00:00+08:00'), 100)
  await h.db.prisma.botAccount.update({ where: { id: 'bot-08' }, data: { state: 'logged_out' } })
}, 300_000)
afterAll(() => h?.db.close())

async function step(fn: (tx: never, e: Effects, now: Date) => Promise<string>) {
  const e = new Effects()
  await h.db.prisma.$transaction((tx) => fn(tx as never, e, h.clock.now()), { timeout: 120_000 })
  return e.posts
}

describe('a notice to 1,158 groups', () => {
  it('the plan names the groups waiting on the logged-out account; every group still gets its delivery', async () => {
    const reply = await h.say(HOME, SUP, '#通知 紧急 全区防汛:今晚有特大暴雨,请各网格立即排查低洼地带')
    expect(reply).toHaveLength(1)
    expect(reply[0]).toContain('共 1158 个群')
    expect(reply[0]).toMatch(/⏳ 14\d 个群的账号\(bot-08\)掉线,等待账号恢复后发送:1号社区5号网格群、/)
    expect(reply[0]!.length).toBeLessThanOrEqual(800)
    expect(h.outbox.sent.filter((m) => m.key.startsWith('notice|'))).toHaveLength(1158)
    expect(await h.db.prisma.noticeDelivery.count()).toBe(1158)
  }, 120_000)

  it('#通知 状态 B1: one message ≤ 800 characters, one line per town, unacknowledged first', async () => {
    const up = await h.db.prisma.noticeDelivery.findMany({ where: { accountId: { not: 'bot-08' } }, select: { outboxKey: true } })
    await deliveriesSent(
      h.db.prisma,
      up.map((d) => d.outboxKey),
      h.clock.now(),
    )
    // Towns 1–12 answer entirely (their groups on working accounts); towns 13–15 do not.
    const answered = await h.db.prisma.unit.findMany({ where: { kind: 'town', name: { in: Array.from({ length: 12 }, (_, i) => `${i + 1}号街道`) } } })
    for (const t of answered)
      await h.db.prisma.noticeDelivery.updateMany({
        where: { status: 'sent', unit: { path: { startsWith: t.path } } },
        data: { status: 'acknowledged', ackAt: h.clock.now(), ackByName: '网格员' },
      })
    const reply = await h.say(HOME, SUP, '#通知 状态 B1')
    expect(reply).toHaveLength(1)
    const text = reply[0]!
    if (process.env.SHOW_STATUS) console.log(text)
    expect(text.length).toBeLessThanOrEqual(800)
    expect(text).toContain('共 1158 个群:已确认')
    expect(text).toMatch(/⏳ 14\d 个群等待账号恢复\(bot-08 掉线\)/)
    const towns = text.split('\n').filter((l) => /^[✔✖] \d+号街道:/.test(l))
    expect(towns).toHaveLength(15)
    expect(towns.slice(0, 3).every((l) => l.startsWith('✖') && /^✖ 1[345]号街道/.test(l))).toBe(true)
    expect(text).toContain('#通知 状态 B1 <单位> 看下级')
  }, 120_000)

  it('drilled into a town: its communities; 未确认: the groups, paged', async () => {
    const town = (await h.say(HOME, SUP, '#通知 状态 B1 14号街道'))[0]!
    if (process.env.SHOW_STATUS) console.log(town)
    expect(town.length).toBeLessThanOrEqual(800)
    expect(town).toMatch(/14号街道:共 \d+ 个群/)
    expect(town.split('\n').filter((l) => /^[✔✖] \d+号社区:/.test(l)).length).toBeGreaterThan(3)
    expect(town).not.toMatch(/^✖ 1号社区:/m)
    const p1 = (await h.say(HOME, SUP, '#通知 状态 B1 未确认'))[0]!
    expect(p1.length).toBeLessThanOrEqual(800)
    expect(p1).toMatch(/示范区未确认的群共 \d+ 个\(第 1\/\d+ 页\)/)
    expect(p1).toContain('⏳')
    expect(p1).toContain('下一页:#通知 状态 B1 未确认 第2页')
    const p2 = (await h.say(HOME, SUP, '#通知 状态 B1 未确认 第2页'))[0]!
    if (process.env.SHOW_STATUS) console.log(p2)
    expect(p2).toMatch(/第 2\/\d+ 页/)
    expect(p2.length).toBeLessThanOrEqual(800)
    const other = (await h.say('room-1号街道群', spec.members.find((m) => m.unit === '1号街道')!.wxid!, '#通知 状态 B1 14号街道'))[0]!
    expect(other).toContain('不是本单位或下级发出的')
  }, 120_000)

  it('at the SLA: one re-@ per unacknowledged group, one summary to the sender; then one summary per parent', async () => {
    const n = (await h.db.prisma.notice.findFirst({ where: { number: 1 } }))!
    const open = await h.db.prisma.noticeDelivery.count({ where: { status: { not: 'acknowledged' } } })
    h.clock.advance(3 * 60_000)
    const sla = await step((tx, e, now) => runNoticeSla(tx, e, now, n.id, 0))
    const waiting = await h.db.prisma.noticeDelivery.count({ where: { status: 'queued', accountId: 'bot-08' } })
    const nudges = sla.filter((p) => p.key.startsWith('notice-nudge'))
    // Every unacknowledged group once, but those still waiting for bot-08 (they have not seen the notice yet).
    expect(nudges).toHaveLength(open - waiting)
    expect(new Set(nudges.map((p) => p.message.roomId)).size).toBe(open - waiting)
    const summary = sla.filter((p) => p.message.roomId === HOME)
    expect(summary).toHaveLength(1)
    expect(summary[0]!.message.text.length).toBeLessThanOrEqual(800)
    h.clock.advance(3 * 60_000)
    const esc = await step((tx, e, now) => runNoticeEscalation(tx, e, now, n.id, 1))
    const rooms = esc.map((p) => p.message.roomId)
    expect(new Set(rooms).size).toBe(rooms.length)
    expect(esc.every((p) => p.message.text.length <= 800)).toBe(true)
    expect(rooms).not.toContain(HOME)
    // Parents of unacknowledged groups below the district: towns 13–15 (their communities) and their communities
    // (their grids), plus the parents of bot-08's waiting groups in the towns that answered.
    expect(esc.length).toBeLessThan(open)
  }, 300_000)
})
