// Text as typed (issue #23): the grammar reads normalised text; the words people wrote are handed on with their own
// punctuation. normaliseMapped must agree with normalise on every text, and asTyped must find what a parser kept.
import { describe, expect, it } from 'vitest'
import { normalise } from '../../src/parser/normalise.ts'
import { asTyped, normaliseMapped, withTypedText } from '../../src/parser/typed.ts'

const TEXTS = [
  '',
  '   ',
  '#签到 走访 5户',
  '#通知 紧急 暴雨红色预警，请各网格排查低洼地带、地下车库。',
  '＃签到　巡查　８号楼',
  '@网格助手\u2005签到 巡查',
  '#需求\n1. 王奶奶家水管漏水\n2、李大爷需要助浴\n 3）路灯坏了 ',
  'a \t b\u00a0\u00a0c',
  '#签\u200d到 走访',
  '👨\u200d👩\u200d👧 家庭 ❤\ufe0f 好',
  '\u202e反转\u202c 文本',
  '行一\u2028行二\u2029行三',
  '收到！！马上转发～',
  '（括号）：冒号；分号',
  '   前后空格   \n\n  第二行  ',
]

describe('normaliseMapped', () => {
  it.each(TEXTS)('%j normalises as normalise() does', (t) => {
    expect(normaliseMapped(t).text).toBe(normalise(t))
  })
  it('maps each character back to what was typed', () => {
    const t = '＃签到　巡查，８号楼'
    const m = normaliseMapped(t)
    expect(m.text).toBe('#签到 巡查 8号楼')
    expect(t.slice(m.start[6]!, m.end[6]!)).toBe('，')
    expect(t.slice(m.start[7]!, m.end[7]!)).toBe('８')
  })
})

describe('asTyped', () => {
  it.each([
    [
      '暴雨红色预警 请各网格排查低洼地带 地下车库。',
      '#通知 紧急 暴雨红色预警，请各网格排查低洼地带、地下车库。',
      '暴雨红色预警，请各网格排查低洼地带、地下车库。',
    ],
    ['独居老人家中检查用电 一切正常', '#签到 走访 5户 独居老人家中检查用电，一切正常', '独居老人家中检查用电，一切正常'],
    ['3号楼王奶奶家水管漏水 需要维修!', '#需求 3号楼王奶奶家水管漏水，需要维修！', '3号楼王奶奶家水管漏水，需要维修！'],
    // Words joined by one space match a line break as typed.
    ['第一行 第二行', '#通知 第一行\n第二行', '第一行\n第二行'],
    // The last stretch: not the command word's own characters.
    ['签到', '#签到 签到', '签到'],
    // Nothing to restore.
    ['巡查8号楼', '#签到 巡查8号楼', '巡查8号楼'],
    // Words picked from here and there are left as the parser joined them.
    ['修复路灯 明天', '#任务 修复，紧急，路灯', '修复路灯 明天'],
    // Invisible characters stay out.
    ['今晚 开会', '#通知 今晚\u202e，开会', '今晚，开会'],
  ])('%j in %j → %j', (piece, typed, out) => {
    expect(asTyped(piece, typed)).toBe(out)
  })
})

describe('withTypedText', () => {
  it('gives free-text fields (top level and one down) their typed form, and leaves ids and names normalised', () => {
    const typed = '#通知 紧急 @华府社区（东区） 暴雨红色预警，请排查！'
    const args = { kind: 'send', draft: { text: '暴雨红色预警 请排查!', target: '华府社区(东区)', urgent: true }, note: '请排查!' }
    expect(withTypedText(args, typed)).toEqual({
      kind: 'send',
      draft: { text: '暴雨红色预警，请排查！', target: '华府社区(东区)', urgent: true },
      note: '请排查！',
    })
  })
  it('leaves what is not an object alone', () => {
    expect(withTypedText(null, '#帮助')).toBeNull()
    expect(withTypedText('x', '#帮助')).toBe('x')
  })
})
