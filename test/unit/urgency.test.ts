// Urgency as people type it (issue #29, item 24a), in #隐患, #任务 and #通知: table-tested.
import { describe, expect, it } from 'vitest'
import { hazardCommand } from '../../src/capabilities/hazards/hazard.command.ts'
import { parseDraft } from '../../src/capabilities/notices/notice.command.ts'
import { parseTaskArgs } from '../../src/parser/task-args.ts'
import { isUrgentWord } from '../../src/parser/urgency.ts'

const words = (s: string) => s.split(/\s+/).filter(Boolean)
const hazard = (text: string) => {
  const r = hazardCommand.parse(words(text), text, new Date()) as { ok: boolean; args?: { kind: string; report: { description: string; urgent: boolean } } }
  expect(r.ok).toBe(true)
  return r.args!.report
}

describe('urgency marks', () => {
  it.each([
    '紧急',
    '急',
    '加急',
    '特急',
    '急急急',
    '非常紧急',
    '特别紧急',
    '十分紧急',
    '很紧急',
    '紧急！',
    '紧急!',
    '紧急!!',
    '【紧急】',
    '[紧急]',
    '（紧急）',
    '【加急】',
    'URGENT',
  ])('%s marks urgency', (w) => expect(isUrgentWord(w)).toBe(true))
  it.each(['不紧急', '紧急出口', '急救', '着急', '急诊', '应急', '一般', '紧急通道'])('%s does not', (w) => expect(isUrgentWord(w)).toBe(false))

  it.each([
    ['消防 燃气泄漏 非常紧急', '燃气泄漏', true],
    ['消防 燃气泄漏 特别紧急', '燃气泄漏', true],
    ['燃气泄漏 紧急！', '燃气泄漏', true],
    ['【紧急】燃气泄漏', '燃气泄漏', true],
    ['【紧急】 燃气泄漏', '燃气泄漏', true],
    ['燃气泄漏【加急】', '燃气泄漏', true],
    ['加急 燃气泄漏', '燃气泄漏', true],
    ['消防 紧急出口被堵', '紧急出口被堵', false],
    ['环境 楼道积水 不紧急', '楼道积水 不紧急', false],
  ])('#隐患 %s → 「%s」, urgent %s', (text, description, urgent) => {
    expect(hazard(text)).toMatchObject({ description, urgent })
  })

  it.each([
    ['修路灯 非常紧急', '修路灯', true],
    ['【紧急】修路灯 截止 明天18点', '修路灯', true],
    ['修路灯 截止 明天18点 紧急！', '修路灯', true],
    ['修路灯 加急 @李佳鑫', '修路灯', true],
    ['检查紧急出口', '检查紧急出口', false],
  ])('#任务 %s → 「%s」, urgent %s', (text, title, urgent) => {
    expect(parseTaskArgs(words(text))).toMatchObject({ title, urgent })
  })

  it.each([
    ['非常紧急 今晚有暴雨', '今晚有暴雨', true],
    ['【紧急】今晚有暴雨', '今晚有暴雨', true],
    ['【紧急】 网格 今晚有暴雨', '今晚有暴雨', true],
    ['特别紧急 网格 今晚有暴雨', '今晚有暴雨', true],
    ['今晚有暴雨,非常紧急', '今晚有暴雨,非常紧急', false],
  ])('#通知 %s → 「%s」, urgent %s', (text, body, urgent) => {
    const r = parseDraft(text)
    expect(r.ok && r.args).toMatchObject({ text: body, urgent })
  })
})
