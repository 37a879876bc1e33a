// The deadline table: phrasings cadres type, read in China time on a UTC machine.
import { describe, expect, it } from 'vitest'
import { chineseNumber, parseDeadline } from '../../src/parser/deadline.ts'
import { formatLocal } from '../../src/core/time.ts'

// Friday 2026-11-20 10:00 in Beijing (02:00 UTC).
const NOW = new Date('2026-11-20T10:00:00+08:00')
const at = (s: string) => {
  const r = parseDeadline(s, NOW)
  return r.ok ? formatLocal(r.at) : `?${r.problem}`
}

describe('parseDeadline', () => {
  const table: [string, string][] = [
    ['今天18点', '11月20日 18:00'],
    ['今天下午3点', '11月20日 15:00'],
    ['今晚8点', '11月20日 20:00'],
    ['今晚', '11月20日 22:00'],
    ['明天下午3点', '11月21日 15:00'],
    ['明天 15:30', '11月21日 15:30'],
    ['明天上午10点半', '11月21日 10:30'],
    ['明早', '11月21日 09:00'],
    ['后天', '11月22日 18:00'],
    ['大后天中午', '11月23日 13:00'],
    ['周五', '11月20日 18:00'],
    ['周日', '11月22日 18:00'],
    ['星期一', '11月23日 18:00'],
    ['下周一上午', '11月23日 12:00'],
    ['下周五', '11月27日 18:00'],
    ['下下周三', '12月2日 18:00'],
    ['3天内', '11月23日 10:00'],
    ['三天内', '11月23日 10:00'],
    ['2小时后', '11月20日 12:00'],
    ['两个小时后', '11月20日 12:00'],
    ['30分钟后', '11月20日 10:30'],
    ['1周内', '11月27日 10:00'],
    ['11月30日', '11月30日 18:00'],
    ['11月30号下午5点', '11月30日 17:00'],
    ['12/5', '12月5日 18:00'],
    ['2026-12-01 09:00', '12月1日 09:00'],
    ['2027年1月5日', '1月5日 18:00'],
    ['30日', '11月30日 18:00'],
    ['月底', '11月30日 18:00'],
    ['下午三点', '11月20日 15:00'],
    ['十二点', '11月20日 12:00'],
    ['明天晚上12点', '11月22日 00:00'],
    ['截止明天18点前', '11月21日 18:00'],
  ]
  for (const [input, expected] of table) {
    it(`${input} → ${expected}`, () => expect(at(input)).toBe(expected))
  }

  it('asks instead of guessing', () => {
    expect(at('3点')).toMatch(/上午还是下午/)
    expect(at('今天8点')).toMatch(/已经过去/)
    expect(at('本周三')).toMatch(/已经过去.*下周三/)
    expect(at('10日')).toMatch(/本月10日.*12月10日/)
    expect(at('1月5日')).toMatch(/明年.*2027年1月5日/)
    expect(at('2月30日')).toMatch(/没有这一天/)
    expect(at('过几天')).toMatch(/看不懂/)
    expect(at('下周八')).toMatch(/看不懂/)
    expect(at('500天后')).toMatch(/超过一年/)
    expect(at('0小时后')).toMatch(/看不懂/)
  })

  it('reads Chinese numerals', () => {
    expect(chineseNumber('十')).toBe(10)
    expect(chineseNumber('二十三')).toBe(23)
    expect(chineseNumber('十二')).toBe(12)
    expect(chineseNumber('两')).toBe(2)
    expect(chineseNumber('x')).toBeNull()
  })
})
