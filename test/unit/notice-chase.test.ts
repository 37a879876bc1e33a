// Issue #23 "chase only what must be chased": which notices are chased (re-@ once, then one summary per parent) by
// default, by the sender's 需确认, and by a unit's policy; and the post saying plainly whether a reply is needed.
import { describe, expect, it } from 'vitest'
import { parseDraft } from '../../src/capabilities/notices/notice.command.ts'
import { chases, DEFAULT_NOTICE_POLICY } from '../../src/capabilities/notices/notice-policy.ts'
import { noticeTexts } from '../../src/capabilities/notices/notice.texts.ts'
import { resolvePolicy, toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import { policySlices } from '../helpers/policy-slices.ts'

describe('which notices are chased', () => {
  it.each([
    [false, false, false],
    [true, false, true],
    [false, true, true],
    [true, true, true],
  ])('default policy: urgent %s, 需确认 %s → chased %s', (urgent, confirm, chased) => {
    expect(chases(DEFAULT_NOTICE_POLICY, urgent, confirm)).toBe(chased)
  })
  it('a unit may chase every notice, or none but those marked 需确认', () => {
    const all = toPolicyPatch({ notices: { chase: { normal: true } } }, policySlices)
    const none = toPolicyPatch({ notices: { chase: { urgent: false } } }, policySlices)
    const pAll = resolvePolicy([all.ok ? all.patch : null]).notices
    const pNone = resolvePolicy([none.ok ? none.patch : null]).notices
    expect(chases(pAll, false, false)).toBe(true)
    expect(chases(pNone, true, false)).toBe(false)
    expect(chases(pNone, true, true)).toBe(true)
    expect(toPolicyPatch({ notices: { chase: { normal: 'yes' } } }, policySlices).ok).toBe(false)
  })
})

describe('#通知 需确认', () => {
  it.each([
    ['需确认 请各单位推荐一名青年网格员', { confirm: true, urgent: false, text: '请各单位推荐一名青年网格员' }],
    ['紧急 需确认 网格 今晚有暴雨', { confirm: true, urgent: true, scope: 'grids', text: '今晚有暴雨' }],
    ['网格 需回复 @华府社区 明天开会', { confirm: true, target: '华府社区', text: '明天开会' }],
    ['明天开会,需确认参会人数', { text: '明天开会,需确认参会人数' }],
  ])('%s', (typed, want) => {
    const r = parseDraft(typed)
    expect(r.ok && r.args).toMatchObject(want)
    if (!('confirm' in want)) expect(r.ok && r.args.confirm).toBeFalsy()
  })
  it('the post says plainly whether a reply is needed', () => {
    const n = { number: 3, text: '明天开会', urgent: false, slaMs: 600_000 }
    expect(noticeTexts.posted({ ...n, chase: true }, '华府社区 王书记')).toContain('回复「收到」')
    const plain = noticeTexts.posted({ ...n, chase: false }, '华府社区 王书记')
    expect(plain).toContain('无需回复')
    expect(plain).not.toContain('回复「收到」')
  })
  it('another capability posting through the fan-out may end the post with its own line (e.g. a 招募令)', () => {
    const post = noticeTexts.posted({ number: 4, text: '招募志愿者', urgent: false, slaMs: 600_000, chase: false, footer: '报名:#报名 A1' }, '团区委 书记')
    expect(post.endsWith('\n报名:#报名 A1')).toBe(true)
    expect(post).not.toContain('无需回复')
  })
})
