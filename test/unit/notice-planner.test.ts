// The fan-out planner: balance across accounts, rooms with one choice first, estimates from each account's pace,
// accounts that are down, and the plan reply's verdict — including the refusal text for 1,034 grids on one account.
import { describe, expect, it } from 'vitest'
import { accountEstimateMs, planFanOut, slaVerdict } from '../../src/capabilities/notices/planner.ts'
import { noticeTexts } from '../../src/capabilities/notices/notice.texts.ts'

const rooms = (n: number, candidates: (i: number) => string[]) => Array.from({ length: n }, (_, i) => ({ roomId: i + 1, candidates: candidates(i) }))
const pace = (id: string, messagesPerSec = 1, jitterMs = 0) => ({ id, messagesPerSec, jitterMs })

describe('planFanOut', () => {
  it('one account per room (today): each room on its own account, estimate = the slowest account', () => {
    const p = planFanOut(
      rooms(10, (i) => [i % 2 ? 'b' : 'a']),
      [pace('a', 1), pace('b', 0.5)],
    )
    expect(p.assignment.filter((x) => x.accountId === 'a')).toHaveLength(5)
    expect(p.accounts).toEqual([
      { id: 'b', rooms: 5, estimateMs: 8000 },
      { id: 'a', rooms: 5, estimateMs: 4000 },
    ])
    expect(p.estimateMs).toBe(8000)
  })

  it('rooms several accounts serve are balanced so the last room is reached as early as possible (faster account takes more)', () => {
    const p = planFanOut(
      rooms(30, () => ['a', 'b']),
      [pace('a', 2), pace('b', 1)],
    )
    const a = p.accounts.find((x) => x.id === 'a')!
    const b = p.accounts.find((x) => x.id === 'b')!
    expect(a.rooms + b.rooms).toBe(30)
    expect(a.rooms).toBe(20)
    expect(p.estimateMs).toBe(Math.max(a.estimateMs, b.estimateMs))
    expect(p.estimateMs).toBeLessThanOrEqual(10_000)
  })

  it('rooms with one choice are placed first, so flexible ones fill around them', () => {
    const fixed = rooms(6, () => ['a'])
    const flexible = rooms(6, () => ['a', 'b']).map((r) => ({ ...r, roomId: r.roomId + 100 }))
    const p = planFanOut([...flexible, ...fixed], [pace('a'), pace('b')])
    expect(p.accounts.find((x) => x.id === 'a')!.rooms).toBe(6)
    expect(p.accounts.find((x) => x.id === 'b')!.rooms).toBe(6)
    // the assignment keeps the order rooms were given
    expect(p.assignment[0]!.roomId).toBe(101)
  })

  it('a down account’s rooms go to another that serves them; rooms nobody up serves wait', () => {
    const p = planFanOut(
      [
        { roomId: 1, candidates: ['a', 'b'] },
        { roomId: 2, candidates: ['a'] },
      ],
      [{ ...pace('a'), up: false }, pace('b')],
    )
    expect(p.assignment).toEqual([{ roomId: 1, accountId: 'b' }])
    expect(p.waiting).toEqual([2])
  })

  it('estimates: first message at once, one per 1/pace after, plus half the jitter and whatever is queued ahead', () => {
    expect(accountEstimateMs(0, pace('a'))).toBe(0)
    expect(accountEstimateMs(1, pace('a', 1, 300))).toBe(150)
    expect(accountEstimateMs(77, pace('a', 0.5, 300))).toBe(152_150)
    expect(accountEstimateMs(10, { messagesPerSec: 1, jitterMs: 0, ahead: 5 })).toBe(14_000)
  })

  it('the generated district (1,158 rooms over 15 accounts at 0.5/s) comes in under 3 minutes, near rooms ÷ total pace', () => {
    const p = planFanOut(
      rooms(1158, (i) => [`bot-${i % 15}`]),
      Array.from({ length: 15 }, (_, i) => pace(`bot-${i}`, 0.5, 300)),
    )
    expect(p.estimateMs).toBeLessThan(180_000)
    expect(Math.abs(p.estimateMs - (1158 / 7.5) * 1000) / ((1158 / 7.5) * 1000)).toBeLessThan(0.05)
  })
})

describe('the verdict against the SLA', () => {
  it('1,034 grids on one account at 1 message/s cannot make 3 minutes: the reply says by how much and how many accounts', () => {
    const p = planFanOut(
      rooms(1034, () => ['bot-01']),
      [pace('bot-01', 1, 300)],
    )
    const v = slaVerdict(p, 1034, 180_000, { messagesPerSec: 1, jitterMs: 300 })
    expect(v.meets).toBe(false)
    expect(p.estimateMs).toBe(1_033_150)
    expect(v.shortfallMs).toBe(853_150)
    expect(v.accountsNeeded).toBe(6)
    const text = noticeTexts.plan(
      { number: 5, priority: 'urgent', scope: 'grids' },
      '任城区',
      { rooms: 1034, accounts: p.accounts, estimateMs: p.estimateMs, slaMs: 180_000, shortfallMs: v.shortfallMs, accountsNeeded: v.accountsNeeded, waiting: 0 },
      new Date('2026-11-20T09:00:00+08:00'),
    )
    expect(text).toBe(
      '✅ 紧急通知 B5 开始发送:任城区下属各网格群共 1034 个群,使用 1 个账号(bot-01 1034个)。\n' +
        '预计 09:17:13 前全部送达(约17分13秒),时限3分钟(09:03:00)\n' +
        '⚠️ 现有账号无法在时限内送达:预计需要17分13秒,超出14分13秒。按目前每账号的发送速度,至少需要 6 个账号。仍照常发送。\n' +
        '回复「收到」的群计为确认,到时限未确认的群提醒一次;#通知 状态 B5 查看进度。',
    )
  })
  it('within the SLA: no shortfall', () => {
    const v = slaVerdict({ estimateMs: 100_000 }, 100, 600_000, { messagesPerSec: 1, jitterMs: 0 })
    expect(v).toEqual({ meets: true, shortfallMs: 0, accountsNeeded: 1 })
  })
})
