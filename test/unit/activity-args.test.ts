// #活动's words: the time as deadlines are read (ranges on one day), capacity, target, place; reminders by policy.
import { describe, expect, it } from 'vitest'
import { parseActivityDraft, parseActivityTime, parseHours, parsePeriod } from '../../src/parser/activity-args.ts'
import { DEFAULT_ACTIVITY_POLICY, nextReminder, reminderTimes } from '../../src/capabilities/activities/activity-policy.ts'

const now = new Date('2026-11-20T09:00:00+08:00') // a Friday
const iso = (d: Date) => d.toISOString()

describe('activity time', () => {
  it.each([
    ['周六上午9点', '2026-11-21T01:00:00.000Z', '2026-11-21T03:00:00.000Z'],
    ['11月30日14:00-16:00', '2026-11-30T06:00:00.000Z', '2026-11-30T08:00:00.000Z'],
    ['明天下午2点-4点', '2026-11-21T06:00:00.000Z', '2026-11-21T08:00:00.000Z'],
    ['明天上午9点至11点半', '2026-11-21T01:00:00.000Z', '2026-11-21T03:30:00.000Z'],
    ['2026-12-09 9点', '2026-12-09T01:00:00.000Z', '2026-12-09T03:00:00.000Z'],
  ])('%s', (text, start, end) => {
    const r = parseActivityTime(text, now)
    expect(r.ok && [iso(r.startsAt), iso(r.endsAt)]).toEqual([start, end])
  })

  it('refuses past times and an end before the start', () => {
    expect(parseActivityTime('昨天9点', now)).toMatchObject({ ok: false, problem: { code: 'time' } })
    expect(parseActivityTime('明天上午9点-8点', now)).toMatchObject({ ok: false, problem: { code: 'end_before_start' } })
  })
})

describe('activity draft', () => {
  it('reads name, capacity, place and target in any order after the time', () => {
    const r = parseActivityDraft(['11月30日', '14:00-16:00', '义诊', '限20人', '社区广场', '@华府社区'], now)
    expect(r).toMatchObject({ ok: true, draft: { name: '义诊', capacity: 20, place: '社区广场', target: '华府社区' } })
    expect(parseActivityDraft(['周六上午9点', '议事日', '全区'], now)).toMatchObject({ ok: true, draft: { target: '*', capacity: null, place: null } })
  })

  it.each([['限0人'], ['限10000人'], ['0人']])('capacity %s is refused', (cap) => {
    expect(parseActivityDraft(['明天9点', '义诊', cap], now)).toMatchObject({ ok: false, problem: { code: 'capacity' } })
  })

  it('needs a name', () => {
    expect(parseActivityDraft(['明天上午9点'], now)).toMatchObject({ ok: false, problem: { code: 'name_missing' } })
    expect(parseActivityDraft([], now)).toMatchObject({ ok: false, problem: { code: 'missing' } })
  })
})

describe('hours and periods', () => {
  it('reads durations', () => {
    expect(parseHours('2小时', 4)).toBe(120)
    expect(parseHours('1.5小时', 4)).toBe(90)
    expect(parseHours('90分钟', 4)).toBe(90)
    expect(parseHours('半天', 4)).toBe(240)
    expect(parseHours('很久', 4)).toBeNull()
    expect([parsePeriod(undefined), parsePeriod('本年'), parsePeriod('上月')]).toEqual(['month', 'year', null])
  })
})

describe('reminders', () => {
  it('the evening before at 20:00 and an hour before; only those still to come', () => {
    const start = new Date('2026-11-21T09:00:00+08:00')
    expect(reminderTimes(start, DEFAULT_ACTIVITY_POLICY).map(iso)).toEqual(['2026-11-20T12:00:00.000Z', '2026-11-21T00:00:00.000Z'])
    expect(nextReminder(start, new Date('2026-11-20T21:00:00+08:00'), DEFAULT_ACTIVITY_POLICY)).toEqual({ step: 1, at: new Date('2026-11-21T08:00:00+08:00') })
    expect(nextReminder(start, new Date('2026-11-21T08:30:00+08:00'), DEFAULT_ACTIVITY_POLICY)).toBeNull()
    expect(reminderTimes(start, { ...DEFAULT_ACTIVITY_POLICY, eveningBefore: false })).toHaveLength(1)
  })
})
