// The notice rules, table-tested: the acknowledgement vocabulary (and what stays chat), the delivery transitions,
// which notice a 收到 is for, SLA and escalation times (quiet hours), spans as the plan reply states them.
import { describe, expect, it } from 'vitest'
import { parseAck } from '../../src/parser/ack.ts'
import { formatSpan } from '../../src/capabilities/notices/notice-span.texts.ts'
import { whyNotForTheBot } from '../../src/pipeline/inbox-row.ts'
import type { InboundMessage } from '../../src/core/message.ts'
import {
  DELIVERY_TRANSITIONS,
  mayAcknowledge,
  noticeStepDecision,
  noticeStepDueAt,
  pickNotice,
  SAME_ACK_MS,
  slaDueAt,
  statusesFor,
  type DeliveryEvent,
} from '../../src/capabilities/notices/notice-rules.ts'
import type { DeliveryStatus } from '../../src/capabilities/notices/notice.types.ts'
import { DEFAULT_POLICY, resolvePolicy, toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import { policySlices } from '../helpers/policy-slices.ts'

describe('acknowledgement words', () => {
  it.each([
    ['收到', null],
    ['已收到', null],
    ['收', null],
    ['1', null],
    ['好的', null],
    ['明白', null],
    ['👌', null],
    ['OK', null],
    ['ok', null],
    ['ＯＫ', null],
    ['收到!', null],
    ['收到。', null],
    ['收到~', null],
    ['  收到  ', null],
    ['收到了', null],
    ['收到 收到', null],
    ['111', null],
    ['👌👌', null],
    ['👍', null],
    ['已阅', null],
    // Found by hostile testing: repeats, emoji with words, WeChat's own emoji as text, skin tones, a thanks.
    ['收到收到收到', null],
    ['好的好的', null],
    ['1111', null],
    ['收到👌', null],
    ['已收到，谢谢', null],
    ['[强]', null],
    ['[OK]', null],
    ['收到[强]', null],
    ['👍🏻', null],
    ['👌🏻', null],
    ['收到 B5', 5],
    ['收到B12', 12],
    ['b7 收到', 7],
    ['好的 B3。', 3],
  ])('%s acknowledges (notice %s)', (text, number) => {
    expect(parseAck(text)).toEqual({ number, note: null })
  })

  it.each([
    '收到了吗',
    '1楼',
    '好的呀我们明天再说',
    'OK google',
    '收到吗',
    '不收',
    '谢谢',
    '[强]哈哈',
    '收到钱了吗',
    '好',
    '我明天去',
    '1号楼漏水',
    '12',
    '收到 B',
    '收到 T5',
    '你好',
    '',
    '哈哈',
    '收到'.repeat(30),
    'okay',
    '#收到',
  ])('%s is chat, not an acknowledgement', (text) => {
    expect(parseAck(text)).toBeNull()
  })

  const DASHES = '- - - - - - - - - - - - - - -'
  it.each([
    [`「网格助手：🔴【紧急通知 B7】\n今晚有暴雨\n——人和路街道 刘书记」\n${DASHES}\n收到`, { number: 7, note: null }],
    [`「网格助手:📢【通知 B12】周五开会」\n${DASHES}\n👌`, { number: 12, note: null }],
    [`「网格助手：@李佳鑫 ⏰ 请确认紧急通知 B3:「明早集合」」\n${DASHES}\n1`, { number: 3, note: null }],
    [`「网格助手：【通知 B7】…」\n${DASHES}\n收到 B5`, { number: 5, note: null }],
    [`「网格助手：【通知 B7】…」\n${DASHES}\n我明天去不了`, null],
    [`「王书记：明天几点开会?」\n${DASHES}\n收到`, null],
  ])('a quote-reply %j → %j', (text, ack) => {
    expect(parseAck(text)).toEqual(ack)
  })

  const msg = (text: string, roomId: string | null = 'r@chatroom'): InboundMessage => ({
    accountId: 'a',
    messageId: 'm',
    roomId,
    roomTopic: null,
    talkerId: 't',
    talkerName: 't',
    kind: 'text',
    text,
    mentionsSelf: false,
    receivedAt: new Date().toISOString(),
  })
  it('the gateway keeps acknowledgements and still drops ordinary chat and direct messages', () => {
    expect(whyNotForTheBot(msg('收到'))).toBeNull()
    expect(whyNotForTheBot(msg('收到 B5'))).toBeNull()
    // With words after it (issue #23), still an acknowledgement; a question or a negation is chat.
    expect(whyNotForTheBot(msg('收到，马上转发'))).toBeNull()
    expect(whyNotForTheBot(msg('已收到 我们推荐李佳鑫'))).toBeNull()
    expect(whyNotForTheBot(msg('收到了吗?'))).toBe('chat')
    expect(whyNotForTheBot(msg('没收到'))).toBe('chat')
    expect(whyNotForTheBot(msg('今天天气不错'))).toBe('chat')
    expect(whyNotForTheBot(msg('好'))).toBe('chat')
    expect(whyNotForTheBot(msg('收到', null))).toBe('direct')
  })
})

describe('delivery transitions', () => {
  const table: [DeliveryStatus, DeliveryEvent, DeliveryStatus | null][] = [
    ['queued', 'sent', 'sent'],
    ['queued', 'failed', 'failed'],
    ['queued', 'ack', 'acknowledged'],
    ['sent', 'sent', null],
    ['sent', 'failed', null],
    ['sent', 'ack', 'acknowledged'],
    ['failed', 'sent', 'sent'],
    ['failed', 'failed', null],
    ['failed', 'ack', 'acknowledged'],
    ['acknowledged', 'sent', null],
    ['acknowledged', 'failed', null],
    ['acknowledged', 'ack', null],
  ]
  it.each(table)('%s + %s → %s', (from, event, to) => {
    expect(DELIVERY_TRANSITIONS[from][event]).toBe(to)
  })
  it('the statuses each event moves on from (the repository’s conditional update)', () => {
    expect(statusesFor('sent')).toEqual(['queued', 'failed'])
    expect(statusesFor('failed')).toEqual(['queued'])
    expect(statusesFor('ack')).toEqual(['queued', 'sent', 'failed'])
  })
  it('a timer step runs only while the notice waits for it', () => {
    expect(noticeStepDecision({ escalationLevel: -1 }, 0)).toBe('post')
    expect(noticeStepDecision({ escalationLevel: 0 }, 0)).toBe('stale')
    expect(noticeStepDecision({ escalationLevel: 0 }, 1)).toBe('post')
    expect(noticeStepDecision({ escalationLevel: 1 }, 1)).toBe('stale')
    expect(noticeStepDecision(null, 0)).toBe('stale')
  })
})

describe('who acknowledges for a room', () => {
  it.each([
    [{ role: 'grid_cadre', unitId: 5 }, true],
    [{ role: 'supervisor', unitId: 5 }, true],
    [{ role: 'admin', unitId: 5 }, true],
    [{ role: 'volunteer', unitId: 5 }, false],
    [{ role: 'grid_cadre', unitId: 6 }, false],
    [{ role: 'supervisor', unitId: 2 }, false],
    [null, false],
  ])('%j in a room of unit 5 → %s', (m, yes) => {
    expect(mayAcknowledge(m, 5)).toBe(yes)
  })
})

describe('which notice a 收到 is for', () => {
  const t0 = new Date('2026-11-20T09:00:00+08:00').getTime()
  const at = (min: number) => new Date(t0 + min * 60_000)
  const b1 = { noticeId: 1, number: 1, queuedAt: at(0), ackAt: null }
  const b2 = { noticeId: 2, number: 2, queuedAt: at(5), ackAt: null }
  it('bare: the latest open notice', () => {
    expect(pickNotice([b1, b2], null, at(6))).toEqual({ kind: 'ack', noticeId: 2 })
  })
  it('bare, right after the latest was acknowledged: the same notice (a second cadre), not the older one', () => {
    expect(pickNotice([b1, { ...b2, ackAt: at(6) }], null, at(7))).toEqual({ kind: 'already', noticeId: 2 })
  })
  it('bare, long after the latest was acknowledged: the older open one', () => {
    expect(pickNotice([b1, { ...b2, ackAt: at(6) }], null, new Date(at(6).getTime() + SAME_ACK_MS + 1))).toEqual({ kind: 'ack', noticeId: 1 })
  })
  it('named: that notice, whatever is latest', () => {
    expect(pickNotice([b1, b2], 1, at(6))).toEqual({ kind: 'ack', noticeId: 1 })
    expect(pickNotice([{ ...b1, ackAt: at(1) }, b2], 1, at(6))).toEqual({ kind: 'already', noticeId: 1 })
    expect(pickNotice([b1, b2], 9, at(6))).toEqual({ kind: 'none' })
  })
  it('nothing open in the last 7 days: none', () => {
    expect(pickNotice([b1], null, at(8 * 24 * 60))).toEqual({ kind: 'none' })
    expect(pickNotice([], null, at(1))).toEqual({ kind: 'none' })
  })
})

describe('SLA and escalation times', () => {
  const morning = new Date('2026-11-20T09:00:00+08:00')
  const late = new Date('2026-11-20T21:55:00+08:00')
  it('10 minutes normal, 3 urgent; escalation one more period after', () => {
    expect(slaDueAt(morning, 'normal', DEFAULT_POLICY).toISOString()).toBe('2026-11-20T01:10:00.000Z')
    expect(slaDueAt(morning, 'urgent', DEFAULT_POLICY).toISOString()).toBe('2026-11-20T01:03:00.000Z')
    const sla = slaDueAt(morning, 'urgent', DEFAULT_POLICY)
    expect(noticeStepDueAt(sla, 1, 'urgent', DEFAULT_POLICY).toISOString()).toBe('2026-11-20T01:06:00.000Z')
  })
  it('a normal notice’s steps wait out quiet hours; an urgent one’s never do', () => {
    const sla = slaDueAt(late, 'normal', DEFAULT_POLICY) // 22:05
    expect(noticeStepDueAt(sla, 0, 'normal', DEFAULT_POLICY).toISOString()).toBe('2026-11-20T23:00:00.000Z') // 07:00
    const u = slaDueAt(late, 'urgent', DEFAULT_POLICY)
    expect(noticeStepDueAt(u, 0, 'urgent', DEFAULT_POLICY).toISOString()).toBe('2026-11-20T13:58:00.000Z')
  })
  it('policies.notices is validated and merged down the tree', () => {
    const r = toPolicyPatch({ notices: { sla: { normal: '20m' }, escalate: false } }, policySlices)
    expect(r.ok).toBe(true)
    const p = resolvePolicy([r.ok ? r.patch : null, { v: 1, notices: { escalateAfterMs: { urgent: 60_000 } } }])
    expect(p.notices).toEqual({
      slaMs: { normal: 20 * 60_000, urgent: 3 * 60_000 },
      escalateAfterMs: { normal: 10 * 60_000, urgent: 60_000 },
      escalate: false,
      chase: { normal: false, urgent: true },
    })
    const bad = toPolicyPatch({ notices: { sla: { normal: 'soon' } } }, policySlices)
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.problems[0]).toContain('notices.sla.normal')
  })
  it.each([
    [0, '0秒'],
    [45_000, '45秒'],
    [60_000, '1分钟'],
    [1_033_000, '17分13秒'],
    [3_720_000, '1小时2分'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text)
  })
})
