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

  // Issue #7 item 4: 9999999999天后 made an invalid Date that reached the database. Counts are bounded
  // (≤ 366 days in the unit) before any arithmetic, so each of these is a refusal, not a crash.
  const tooFar: string[] = [
    '9999999999天后',
    '9999999999分钟后',
    '9999999999小时后',
    '9999999999周后',
    '9999999999个星期后',
    '99999999小时后',
    '9'.repeat(400) + '天后',
    '367天后',
    '8785小时后',
    '527041分钟后',
    '53周后',
    '53个星期内',
    '九九九九九九九九九九天后',
    '九九九九个小时后',
    '五十三周后',
    '九十九个星期内',
    '三九九天后',
  ]
  for (const input of tooFar) {
    it(`${input.slice(0, 24)} → 超过一年`, () => expect(at(input)).toMatch(/超过一年/))
  }
  const atTheLimit: [string, string][] = [
    ['366天后', '11月21日 10:00'], // 2027-11-21: 2027 is not a leap year, so 366 days is a year and a day
    ['8784小时后', '11月21日 10:00'],
    ['527040分钟后', '11月21日 10:00'],
    ['52周后', '11月19日 10:00'],
    ['五十二周后', '11月19日 10:00'],
    ['00012天后', '12月2日 10:00'],
  ]
  for (const [input, expected] of atTheLimit) {
    it(`${input} → ${expected}`, () => expect(at(input)).toBe(expected))
  }

  it('never returns an invalid or far-off date, whatever digits are typed (seeded random inputs)', () => {
    let seed = 7
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31 // small LCG: reproducible
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
    const units = ['分钟', '小时', '个小时', '个钟头', '天', '周', '星期', '个星期']
    const suffixes = ['后', '之后', '以后', '内', '之内', '以内']
    const cn = '零〇一二两三四五六七八九十'
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(random() * (i % 3 === 0 ? 400 : 20))
      const digits = Array.from({ length }, () => (i % 4 === 1 ? pick([...cn]) : String(Math.floor(random() * 10)))).join('')
      const input = i % 5 === 4 ? `${digits.slice(0, 4)}年${digits.slice(4, 6)}月${digits.slice(6, 8)}日` : `${digits}${pick(units)}${pick(suffixes)}`
      const r = parseDeadline(input, NOW)
      if (r.ok) {
        expect(Number.isFinite(r.at.getTime()), input).toBe(true)
        expect(r.at.getTime(), input).toBeGreaterThan(NOW.getTime())
        expect(r.at.getTime() - NOW.getTime(), input).toBeLessThanOrEqual(366 * 86_400_000)
      } else {
        expect(r.problem, input).toMatch(/[\u4e00-\u9fff]/)
      }
    }
  })

  it('reads Chinese numerals', () => {
    expect(chineseNumber('十')).toBe(10)
    expect(chineseNumber('二十三')).toBe(23)
    expect(chineseNumber('十二')).toBe(12)
    expect(chineseNumber('两')).toBe(2)
    expect(chineseNumber('x')).toBeNull()
    expect(chineseNumber('十十')).toBeNull() // a typo is asked about, not read as 10
    expect(chineseNumber('二二十')).toBeNull()
  })
})
