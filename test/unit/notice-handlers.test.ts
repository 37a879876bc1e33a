// Notice commands and acknowledgements through the real dispatcher with no services (PGlite in process, recording
// outbox, manual scheduler): fan-out per account, delivery marks, acks, status, the SLA step and escalation, schedules.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Effects } from '../../src/core/effects.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { runNoticeEscalation, runNoticeSla } from '../../src/capabilities/notices/notice-escalation.service.ts'
import { runScheduleOccurrence } from '../../src/capabilities/notices/notice-schedule.service.ts'
import { deliveriesSent, deliveryFailed } from '../../src/capabilities/notices/notice.service.ts'
import { noticeScheduleTimers, noticeTimers } from '../../src/capabilities/notices/notice-timers.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const ORG = path.resolve(import.meta.dirname, '../fixtures/notices-org.yaml')
const TOWN = 'room-人和路街道工作群'
const G5 = 'room-华府社区5号网格群'
const G6 = 'room-华府社区6号网格群'
const HF = 'room-华府社区群'
let h: Harness

beforeAll(async () => {
  h = await harness(await loadOrgFile(ORG), new Date('2026-11-20T09:00:00+08:00'), 100)
})
afterAll(() => h?.db.close())

/** Runs a timer step's service function in a transaction and returns what it posted. */
async function step(fn: (tx: never, e: Effects, now: Date) => Promise<string>) {
  const e = new Effects()
  const outcome = await h.db.prisma.$transaction((tx) => fn(tx as never, e, h.clock.now()))
  return { outcome, posts: e.posts, timers: e.timers }
}

describe('notices through the dispatcher', () => {
  it('fans out to the town subtree (not the sending room, not the other town), one post per room on its account, and replies the plan', async () => {
    const reply = await h.say(TOWN, 'wxid_liu', '#通知 紧急 今晚有暴雨,请各网格排查低洼地带')
    expect(reply).toHaveLength(1)
    expect(reply[0]).toContain('紧急通知 B1 开始发送')
    expect(reply[0]).toContain('共 5 个群')
    expect(reply[0]).toContain('使用 2 个账号')
    const posts = h.outbox.sent.filter((m) => m.key.startsWith('notice|'))
    expect(posts.map((p) => p.roomId).sort()).toEqual([HF, G5, G6, 'room-正商社区1号网格群', 'room-正商社区群'].sort())
    expect(posts.every((p) => p.urgent)).toBe(true)
    expect(posts.find((p) => p.roomId === G6)!.accountId).toBe('bot-b')
    expect(posts.find((p) => p.roomId === G5)!.accountId).toBe('bot-a')
    expect(posts[0]!.text).toContain('【紧急通知 B1】')
    expect([...h.scheduler.pending.values()].some((t) => t.kind === 'notice_sla')).toBe(true)
  })

  it('a cadre of another unit, a volunteer and a guest do not acknowledge; a cadre of the room does, silently', async () => {
    expect(await h.say(G5, 'wxid_yang', '收到')).toEqual([])
    expect(await h.say(G5, 'wxid_zhang', '收到')).toEqual([])
    expect(await h.say(G5, 'wxid_wang', '收到')).toEqual([]) // the community's supervisor, in a grid's room
    let status = (await h.say(TOWN, 'wxid_liu', '#通知 状态 B1'))[0]!
    expect(status).toContain('已确认 0')
    expect(await h.say(G5, 'wxid_lijiaxin', '收到!')).toEqual([])
    status = (await h.say(TOWN, 'wxid_liu', '#通知 状态 B1'))[0]!
    expect(status).toContain('已确认 1')
    expect(status).toMatch(/✔ 华府社区5号网格群:已确认 09:00:00 李佳鑫/)
    // unacknowledged first
    expect(status.indexOf('✖') === -1 ? status.indexOf('…') : status.indexOf('✖')).toBeLessThan(status.indexOf('✔'))
  })

  it('the sender marks and failures move deliveries; a resend after a failure is sent', async () => {
    const rows = await h.db.prisma.noticeDelivery.findMany({ where: { notice: { number: 1 } }, orderBy: { roomId: 'asc' } })
    expect(await deliveryFailed(h.db.prisma, rows[0]!.outboxKey, 'not logged in', h.clock.now())).toBe(rows[0]!.status === 'queued' ? 1 : 0)
    expect(await deliveriesSent(h.db.prisma, [...rows.map((r) => r.outboxKey), 'reply|x'], h.clock.now())).toBe(
      rows.filter((r) => r.status !== 'acknowledged').length,
    )
    const after = await h.db.prisma.noticeDelivery.findMany({ where: { notice: { number: 1 } } })
    expect(after.filter((d) => d.status === 'sent').length).toBe(4)
    expect(after.filter((d) => d.status === 'acknowledged').length).toBe(1)
  })

  it('at the SLA deadline: a summary to the sender, a re-@ only in unacknowledged rooms; then escalation to their parents', async () => {
    const n = (await h.db.prisma.notice.findFirst({ where: { number: 1 } }))!
    h.clock.advance(3 * 60_000)
    const sla = await step((tx, e, now) => runNoticeSla(tx, e, now, n.id, 0))
    expect(sla.outcome).toBe('posted')
    const summary = sla.posts.find((p) => p.message.roomId === TOWN)!.message.text
    expect(summary).toContain('4/5 个群未确认')
    expect(summary).not.toContain('华府社区5号网格、')
    const nudged = sla.posts.filter((p) => p.key.startsWith('notice-nudge')).map((p) => p.message.roomId)
    expect(nudged.sort()).toEqual([HF, G6, 'room-正商社区1号网格群', 'room-正商社区群'].sort())
    expect(sla.timers[0]!.kind).toBe('notice_escalate')
    // the same step again does nothing
    expect((await step((tx, e, now) => runNoticeSla(tx, e, now, n.id, 0))).outcome).toBe('stale')
    h.clock.advance(3 * 60_000)
    const esc = await step((tx, e, now) => runNoticeEscalation(tx, e, now, n.id, 1))
    const to = esc.posts.map((p) => p.message.roomId).sort()
    // 6号网格 → 华府社区群, 正商社区1号网格 → 正商社区群; 华府社区 and 正商社区 → the town, which sent it (summary there already)
    expect(to).toEqual([HF, 'room-正商社区群'].sort())
    expect(esc.posts.find((p) => p.message.roomId === HF)!.message.text).toContain('华府社区6号网格')
  })

  it('interleaved notices: a bare 收到 acknowledges the latest, a second cadre right after is for the same one, 收到 B2 names one', async () => {
    await h.say(HF, 'wxid_wang', '#通知 网格 周五下午两点开会') // B2 to the two grids
    h.clock.advance(60_000)
    await h.say(HF, 'wxid_wang', '#通知 网格 请上报本周走访数') // B3
    expect(await h.say(G5, 'wxid_lijiaxin', '1')).toEqual([])
    expect(await h.say(G5, 'wxid_zhangwei', '好的')).toEqual([])
    const d = async (num: number) =>
      (await h.db.prisma.noticeDelivery.findFirst({
        where: { notice: { number: num }, roomId: (await h.db.prisma.room.findFirst({ where: { wxRoomId: G5 } }))!.id },
      }))!
    expect((await d(3)).status).toBe('acknowledged')
    expect((await d(2)).status).toBe('queued')
    await h.say(G5, 'wxid_zhangwei', '收到 B2')
    expect((await d(2)).ackByName).toBe('张伟')
  })

  it('"#收到" (or "@网格助手 收到") is no command: it acknowledges, silently', async () => {
    await h.say(HF, 'wxid_wang', '#通知 网格 明早八点集合') // B4
    expect(await h.say(G6, 'wxid_chenxiao', '#收到')).toEqual([])
    const b4 = (await h.db.prisma.notice.findFirst({ where: { number: 4 }, include: { deliveries: true } }))!
    expect(b4.deliveries.filter((d) => d.status === 'acknowledged')).toHaveLength(1)
  })

  it('refuses a cadre, a unit outside the sender, an empty notice — each with an example', async () => {
    expect((await h.say(G5, 'wxid_lijiaxin', '#通知 明天开会'))[0]).toContain('仅限负责人')
    expect((await h.say(HF, 'wxid_wang', '#通知 @正商社区 明天开会'))[0]).toContain('不在您负责的范围内')
    expect((await h.say(HF, 'wxid_wang', '#通知 紧急'))[0]).toMatch(/请写明通知内容\n例如:#通知 紧急/)
    expect((await h.say(HF, 'wxid_wang', '#通知 状态 第一'))[0]).toContain('不是通知编号')
    expect((await h.say(HF, 'wxid_wang', '#通知 状态 B99'))[0]).toContain('没有找到通知 B99')
  })

  it('schedules: parsed, listed, one notice per occurrence (a repeated job does nothing), cancelled', async () => {
    const r = (await h.say(TOWN, 'wxid_liu', '#通知 定时 每月9日9点 网格 本月议事日,请各网格准备'))[0]!
    expect(r).toContain('定时通知 S1 已设定:每月9日9点,下次 12月9日 09:00')
    expect((await h.say(TOWN, 'wxid_liu', '#定时列表'))[0]).toContain('S1 每月9日9点')
    const s = (await h.db.prisma.noticeSchedule.findFirst({ where: { number: 1 } }))!
    const cycle = Math.floor(s.nextAt!.getTime() / 60_000)
    h.clock.set(s.nextAt!)
    const pace = { messagesPerSec: 1, jitterMs: 0 }
    const first = await step((tx, e, now) => runScheduleOccurrence(tx, e, now, pace, s.id, cycle))
    expect(first.outcome).toBe('posted')
    expect(first.posts.filter((p) => p.key.startsWith('notice|')).length).toBe(3) // the town's three grids
    expect(first.timers.find((t) => t.kind === 'notice_schedule')!.dueAt.toISOString()).toBe('2027-01-09T01:00:00.000Z')
    expect((await step((tx, e, now) => runScheduleOccurrence(tx, e, now, pace, s.id, cycle))).outcome).toBe('stale')
    expect(await h.db.prisma.notice.count({ where: { scheduleId: s.id } })).toBe(1)
    expect((await h.say(G5, 'wxid_lijiaxin', '#取消定时 S1'))[0]).toContain('只能由设定人或其上级负责人取消')
    expect((await h.say(TOWN, 'wxid_liu', '#取消定时 S1'))[0]).toContain('已取消')
    expect((await h.say(TOWN, 'wxid_liu', '#定时列表'))[0]).toContain('没有定时通知')
  })

  it('the sweeper sources name every pending notice timer and schedule', async () => {
    await h.say(TOWN, 'wxid_liu', '#通知 定时 明天8点 明早集合')
    const t = await noticeTimers.pending(h.db.prisma, null, 100, 0)
    expect(t!.timers.map((x) => x.kind)).toContain('notice_sla')
    const s = await noticeScheduleTimers.pending(h.db.prisma, null, 100, 0)
    expect(s!.timers).toHaveLength(1)
  })
})
