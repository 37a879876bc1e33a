// Schedule phrases → a cron expression or one time, and their next occurrences with the `cron` package in
// Asia/Shanghai (on this UTC machine), across month ends and years; missed occurrences after downtime collapse.
import { describe, expect, it } from 'vitest'
import { parseSchedule } from '../../src/parser/schedule.ts'
import { followingOccurrence, nextOccurrence, nextOccurrences } from '../../src/kernel/time/schedule-time.ts'

const now = new Date('2026-11-20T09:00:00+08:00') // a Friday
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

describe('parseSchedule', () => {
  it.each([
    ['每月9日9点', '0 9 9 * *'],
    ['每月9号上午9点', '0 9 9 * *'],
    ['每月九号上午九点', '0 9 9 * *'],
    ['每个月28日下午3点半', '30 15 28 * *'],
    ['每周一8点', '0 8 * * 1'],
    ['每周日晚上8点', '0 20 * * 0'],
    ['每星期五下午5点', '0 17 * * 5'],
    ['每天18点', '0 18 * * *'],
    ['每日7:30', '30 7 * * *'],
    ['工作日8点半', '30 8 * * 1-5'],
  ])('%s → %s', (phrase, cron) => {
    expect(parseSchedule(phrase, now)).toEqual({ ok: true, kind: 'cron', cron, phrase })
  })
  it.each([
    ['明天8点', '2026-11-21 08:00'],
    ['下周一上午9点', '2026-11-23 09:00'],
    ['11月30日上午9点', '2026-11-30 09:00'],
  ])('%s → once at %s', (phrase, at) => {
    const r = parseSchedule(phrase, now)
    expect(r.ok && r.kind === 'once' && local(r.at)).toBe(at)
  })
  it.each([
    ['每月31日9点', '不是每个月都有'],
    ['每月0日9点', '1–31'],
    ['每周一3点', '上午还是下午'],
    ['每天', '看不懂'],
    ['每天早上', '请写明几点'],
    ['每年春节', '看不懂'],
    ['今天8点', '已经过去了'],
    ['昨天8点', '「昨天8点」已经过去了'],
    ['前天', '已经过去了'],
    ['', '请写明发送时间'],
  ])('%s is refused (%s)', (phrase, problem) => {
    const r = parseSchedule(phrase, now)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problem).toContain(problem)
  })
})

describe('next occurrences (cron, Asia/Shanghai)', () => {
  it('monthly on the 9th at 09:00 China time, across the year end', () => {
    expect(nextOccurrences('0 9 9 * *', now, 3).map(local)).toEqual(['2026-12-09 09:00', '2027-01-09 09:00', '2027-02-09 09:00'])
  })
  it('the 28th across February and month ends; a time early on the 1st stays on the local day (UTC is the day before)', () => {
    expect(nextOccurrences('0 9 28 * *', new Date('2027-01-28T09:00:00+08:00'), 3).map(local)).toEqual([
      '2027-02-28 09:00',
      '2027-03-28 09:00',
      '2027-04-28 09:00',
    ])
    expect(nextOccurrences('0 7 1 * *', new Date('2026-11-30T12:00:00+08:00'), 2).map(local)).toEqual(['2026-12-01 07:00', '2027-01-01 07:00'])
  })
  it('weekly on Monday 08:00; daily 18:00 later today', () => {
    expect(nextOccurrences('0 8 * * 1', now, 2).map(local)).toEqual(['2026-11-23 08:00', '2026-11-30 08:00'])
    expect(local(nextOccurrence('0 18 * * *', now)!)).toBe('2026-11-20 18:00')
  })
  it('strictly after: an occurrence at exactly now is the next one, not this one', () => {
    expect(local(nextOccurrence('0 9 * * *', now)!)).toBe('2026-11-21 09:00')
  })
  it('after downtime, the following occurrence is the next still ahead (missed ones are not sent one after another)', () => {
    const occurrence = new Date('2026-11-20T18:00:00+08:00')
    const back = new Date('2026-11-23T10:00:00+08:00')
    expect(local(followingOccurrence('0 18 * * *', occurrence, back)!)).toBe('2026-11-23 18:00')
    expect(followingOccurrence(null, occurrence, back)).toBeNull()
  })
  it('an invalid expression never fires', () => {
    expect(nextOccurrence('not cron', now)).toBeNull()
  })
})

describe('#通知 定时 errors (issue #29, item 28)', () => {
  const words = (s: string) => s.split(/\s+/).filter(Boolean)
  it.each(['定时', '定时 明天', '定时 每天25点 开会', '定时 每隔三天8点 开会', '定时 昨天8点 开会', '定时 每天8点'])(
    '#通知 %s ends with an example of a schedule',
    async (text) => {
      const { noticeCommand } = await import('../../src/capabilities/notices/notice.command.ts')
      const r = noticeCommand.parse(words(text), text, now)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.example).toMatch(/^#通知 定时 /)
    },
  )
})
