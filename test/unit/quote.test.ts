// 报名 quoting an activity's post, as puppets that flatten WeChat's 引用 deliver it (parser/quote.ts).
import { describe, expect, it } from 'vitest'
import { parseAck } from '../../src/parser/ack.ts'
import { quotedSignUp, splitQuote } from '../../src/parser/quote.ts'

const quote = (quoted: string, reply: string) => `「网格助手：${quoted}」\n- - - - - - - - - - - - - - -\n${reply}`
const recruitment = '📣 招募令 A12:义诊\n时间:11月21日 09:00–11:00\n报名请发:#报名 A12(无需回复收到)'

describe('报名 quoting a post', () => {
  it.each(['报名', '我报名', '我要报名', '#报名', '报名+1', '我也报名!', '参加'])('%s under a 招募令 is #报名 A12', (reply) => {
    expect(quotedSignUp(quote(recruitment, reply))).toEqual({ word: '报名', args: 'A12', argv: ['A12'] })
  })

  it('the id from any post of ours naming an activity (its creation, a reminder)', () => {
    expect(quotedSignUp(quote('已创建活动 A3:捡垃圾', '报名'))?.args).toBe('A3')
    expect(quotedSignUp(quote('⏰ 明天有活动:A7 议事日,12月9日 09:00–11:00', '报名'))?.args).toBe('A7')
  })

  it('nothing for chat, another reply, a quote naming no activity, or no quote', () => {
    expect(quotedSignUp(quote(recruitment, '报名的人多吗'))).toBeNull()
    expect(quotedSignUp(quote(recruitment, '收到'))).toBeNull()
    expect(quotedSignUp(quote('明天开会', '报名'))).toBeNull()
    expect(quotedSignUp(quote('【通知 B5】明天检查', '报名'))).toBeNull()
    expect(quotedSignUp('报名')).toBeNull()
    expect(splitQuote('「张三：你好」\n- - -\n好')).toBeNull()
  })

  it('a 收到 quoting a notice is still its acknowledgement', () => {
    expect(parseAck(quote('【通知 B5】明天检查', '收到'))).toMatchObject({ number: 5 })
    expect(parseAck(quote(recruitment, '收到'))).toBeNull()
  })
})
