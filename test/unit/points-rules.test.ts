// The points rules, table by table: durations as typed, the daily limit and the overlap flag, conversion by policy,
// approval permissions, ranking periods on Asia/Shanghai boundaries, redemption codes, and the policy block.
import { randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  CODE_ALPHABET,
  makeCode,
  mayApprove,
  mayLogFor,
  parseServiceDay,
  pickItem,
  serviceTime,
  mayCheckOff,
  monthKey,
  monthPeriod,
  normaliseCode,
  overDailyLimit,
  overlapsWith,
  parseServiceDuration,
  periodOf,
  serviceCenti,
  formatPoints,
  type DayEntry,
} from '../../src/capabilities/points/points-rules.ts'
import { DEFAULT_POINTS_POLICY, resolvePointsPolicy } from '../../src/capabilities/points/points-policy.ts'
import { toPolicyPatch, resolvePolicy } from '../../src/kernel/policy/policy.ts'
import { parseVolunteer, parseReview } from '../../src/capabilities/points/volunteer.command.ts'
import { parseCorrect, parseRank } from '../../src/capabilities/points/points.command.ts'
import { parseMatch, parseResource } from '../../src/capabilities/resources/resource.command.ts'
import { freeCode, newCode } from '../../src/capabilities/points/redemption.service.ts'
import { policySlices } from '../helpers/policy-slices.ts'

describe('service durations', () => {
  const cases: [string, number | null][] = [
    ['2小时', 120],
    ['2个小时', 120],
    ['一小时', 60],
    ['两小时', 120],
    ['十二小时', 720],
    ['1.5h', 90],
    ['1.5小时', 90],
    ['1.5H', 90],
    ['90分钟', 90],
    ['90min', 90],
    ['45分', 45],
    ['半小时', 30],
    ['半天', 240],
    ['一天', 480],
    ['1小时30分钟', 90],
    ['2h30m', 150],
    ['两个半小时', 150],
    ['一个半小时', 90],
    ['2小时半', 150],
    ['三个钟头', 180],
    ['很久', null],
    ['2', null],
    ['小时', null],
    ['', null],
    ['2天', null],
  ]
  it.each(cases)('%s → %s minutes', (text, minutes) => expect(parseServiceDuration(text, 4)).toBe(minutes))
  it('半天 follows the policy', () => expect(parseServiceDuration('半天', 3.5)).toBe(210))
})

describe('#志愿 and #审核 arguments', () => {
  it('reads duration, activity and the people named; a unit typed apart is joined', () => {
    expect(parseVolunteer(['2小时', '助老服务', '@张三', '@李四'])).toEqual({
      ok: true,
      args: { duration: '2小时', activity: '助老服务', names: ['张三', '李四'], day: null },
    })
    expect(parseVolunteer(['2', '小时', '助老', '服务'])).toEqual({ ok: true, args: { duration: '2小时', activity: '助老 服务', names: [], day: null } })
    expect(parseVolunteer(['半天', '七彩暑托班'])).toMatchObject({ ok: true, args: { duration: '半天' } })
    expect(parseVolunteer([])).toMatchObject({ ok: false })
    expect(parseVolunteer(['0小时', '助老'])).toMatchObject({ ok: false })
    expect(parseVolunteer(['助老服务'])).toMatchObject({ ok: false, problem: expect.stringContaining('看不懂时长') })
  })
  it('two durations are asked back, not one paid and the other kept as the activity', () => {
    expect(parseVolunteer(['2小时', '3小时', '巡逻'])).toMatchObject({ ok: false, problem: expect.stringContaining('两个时长「2小时」和「3小时」') })
    expect(parseVolunteer(['半天', '半天'])).toMatchObject({ ok: false, problem: expect.stringContaining('两个时长「半天」和「半天」') })
    expect(parseVolunteer(['2小时', '3', '小时', '巡逻'])).toMatchObject({ ok: false, problem: expect.stringContaining('「3小时」') })
    expect(parseVolunteer(['2小时', '3号楼', '清扫'])).toMatchObject({ ok: true, args: { activity: '3号楼 清扫' } })
  })
  it('reads verdicts', () => {
    expect(parseReview([])).toEqual({ ok: true, args: { kind: 'list' } })
    expect(parseReview(['全部通过'])).toEqual({ ok: true, args: { kind: 'all' } })
    expect(parseReview(['全部', '通过'])).toEqual({ ok: true, args: { kind: 'all' } })
    expect(parseReview(['v31。', '通过'])).toMatchObject({ ok: true, args: { kind: 'one', ref: { number: 31 }, approve: true } })
    expect(parseReview(['V31', '驳回', '时长', '有误'])).toMatchObject({ ok: true, args: { approve: false, reason: '时长 有误' } })
    expect(parseReview(['V31', '驳回'])).toMatchObject({ ok: false })
    expect(parseReview(['T31', '通过'])).toMatchObject({ ok: false, problem: expect.stringContaining('V 加数字') })
  })
  it('reads #排行, #资源 and #对接', () => {
    expect(parseRank([])).toEqual({ ok: true, args: { period: 'month', scope: null, page: 1, words: [] } })
    expect(parseRank(['本季', '社区'])).toEqual({ ok: true, args: { period: 'quarter', scope: '社区', page: 1, words: ['本季', '社区'] } })
    expect(parseRank(['网格', '第3页'])).toEqual({ ok: true, args: { period: 'month', scope: '网格', page: 3, words: ['网格'] } })
    expect(parseRank(['全区', '本年'])).toEqual({ ok: true, args: { period: 'year', scope: '全区', page: 1, words: ['全区', '本年'] } })
    expect(parseRank(['上周'])).toMatchObject({ ok: false })
    expect(parseResource(['免费理发', '每月一次', '提供方', '爱心理发店'])).toEqual({
      ok: true,
      args: { description: '免费理发 每月一次', providerName: '爱心理发店', names: [] },
    })
    expect(parseResource(['活动室', '提供方:社区党群中心'])).toMatchObject({ ok: true, args: { providerName: '社区党群中心' } })
    expect(parseResource([])).toMatchObject({ ok: false })
    expect(parseMatch(['T3', 'R5'])).toMatchObject({ ok: true, args: { work: { kind: 'T', number: 3 }, resource: { number: 5 } } })
    expect(parseMatch(['R5', 'N2'])).toMatchObject({ ok: true, args: { work: { kind: 'N', number: 2 } } })
    expect(parseMatch(['T3'])).toMatchObject({ ok: false })
  })
})

describe('daily limit and overlap', () => {
  const day: DayEntry[] = [
    { number: 1, activity: '助老服务', minutes: 240, status: 'approved' },
    { number: 2, activity: '垃圾分类宣传', minutes: 300, status: 'pending' },
    { number: 3, activity: '助老服务', minutes: 600, status: 'rejected' },
  ]
  it.each([
    [180, 0], // 4 + 5 + 3 = 12 h: at the limit
    [181, 1],
    [240, 60],
  ])('adding %i minutes is %i over 12 h (rejected entries do not count)', (minutes, over) => expect(overDailyLimit(day, minutes, 12)).toBe(over))
  it('flags the same activity of the same day (not rejected ones)', () => {
    expect(overlapsWith(day, '助老服务')).toEqual([1])
    expect(overlapsWith(day, '助老 服务')).toEqual([1])
    expect(overlapsWith(day, '七彩暑托班')).toEqual([])
  })
})

describe('conversion by policy', () => {
  it.each([
    [120, '助老服务', {}, 200],
    [90, '垃圾分类宣传', {}, 150],
    [90, '助老服务', { 助老: 1.5 }, 225],
    [60, '夜间巡逻', { 巡逻: 2 }, 200],
  ])('%i min of %s with %o → %i hundredths', (minutes, activity, activities, centi) =>
    expect(serviceCenti(minutes, activity, { perHour: 1, activities })).toBe(centi),
  )
  it('formats points', () => {
    expect([formatPoints(225), formatPoints(300), formatPoints(-50), formatPoints(0)]).toEqual(['2.25', '3', '-0.5', '0'])
  })
})

describe('who may approve', () => {
  const district = { path: '/1/' }
  const community = { path: '/1/2/3/' }
  const grid5 = { path: '/1/2/3/4/' }
  const grid6 = { path: '/1/2/3/5/' }
  const other = { path: '/1/2/9/' }
  const person = (id: number, role: 'admin' | 'supervisor' | 'grid_cadre' | 'volunteer', unit: { path: string }) => ({ id, role, unitId: id, unit })
  const entry = { memberId: 10, loggedById: 11, unit: grid5 }
  it.each([
    ['whoever logged it for someone else, as supervisor', person(11, 'supervisor', community), { ok: false, code: 'OWN_LOGGED' }],
    ['the community supervisor', person(1, 'supervisor', community), { ok: true }],
    ['a district admin', person(2, 'admin', district), { ok: true }],
    ['the owner, even as supervisor', person(10, 'supervisor', community), { ok: false, code: 'OWN_HOURS' }],
    ['a supervisor of a sibling subtree', person(3, 'supervisor', other), { ok: false, code: 'OUTSIDE_SUBTREE' }],
    ['the supervisor of a sibling grid', person(4, 'supervisor', grid6), { ok: false, code: 'OUTSIDE_SUBTREE' }],
    ['a cadre of the grid', person(5, 'grid_cadre', grid5), { ok: false, code: 'NOT_SUPERVISOR' }],
    ['a volunteer', person(6, 'volunteer', grid5), { ok: false, code: 'NOT_SUPERVISOR' }],
  ])('%s', (_who, actor, want) => expect(mayApprove(actor, entry)).toEqual(want))
  it('check-off: a supervisor over the item, or its provider', () => {
    const item = { unit: community, providerWxid: 'wxid_shop' }
    expect(mayCheckOff({ ...person(1, 'supervisor', community), wxid: 'a' }, item)).toBe(true)
    expect(mayCheckOff({ ...person(7, 'volunteer', grid5), wxid: 'wxid_shop' }, item)).toBe(true)
    expect(mayCheckOff({ ...person(5, 'grid_cadre', grid5), wxid: 'b' }, item)).toBe(false)
    expect(mayCheckOff({ ...person(4, 'supervisor', grid5), wxid: 'c' }, item)).toBe(false)
  })
})

describe('who may be logged for', () => {
  const room = { topic: '华府社区5号网格群', unit: { path: '/1/2/3/4/' } }
  it.each([
    ['a member of the unit', { unit: { path: '/1/2/3/4/' } }, true],
    ['a member of a unit below', { unit: { path: '/1/2/3/4/8/' } }, true],
    ['a supervisor above who is in the group', { unit: { path: '/1/2/3/' }, roomTopics: ['华府社区5号网格群'] }, true],
    ['a supervisor above who is not', { unit: { path: '/1/2/3/' }, roomTopics: ['华府社区群'] }, false],
    ['a cadre of another community', { unit: { path: '/1/2/9/10/' } }, false],
  ])('%s', (_who, person, want) => expect(mayLogFor(room, person)).toBe(want))
})

describe('the service day', () => {
  const now = new Date('2026-11-20T09:00:00+08:00')
  const day = (s: string) => new Date(`${s}T00:00:00+08:00`)
  it.each([
    ['今天', { ok: true, day: day('2026-11-20') }],
    ['昨天', { ok: true, day: day('2026-11-19') }],
    ['前天', { ok: true, day: day('2026-11-18') }],
    ['11月19日', { ok: true, day: day('2026-11-19') }],
    ['11月19号', { ok: true, day: day('2026-11-19') }],
    ['十一月十九日', { ok: true, day: day('2026-11-19') }],
    ['11/1', { ok: true, day: day('2026-11-01') }],
    ['2026-10-21', { ok: true, day: day('2026-10-21') }],
    ['10月20日', { ok: true, day: day('2026-10-20') }],
    ['10月19日', { ok: false, problem: 'too-old' }],
    ['11月21日', { ok: false, problem: 'future' }],
    ['明天', { ok: false, problem: 'future' }],
    ['后天', { ok: false, problem: 'future' }],
    ['2月30日', { ok: false, problem: 'no-such-day' }],
    ['2小时', null],
    ['助老服务', null],
  ])('%s', (word, want) => expect(parseServiceDay(word, now)).toEqual(want))
  it('a month after this one is last year’s', () => {
    expect(parseServiceDay('12月30日', new Date('2027-01-05T09:00:00+08:00'))).toEqual({ ok: true, day: day('2026-12-30') })
  })
  it('the ledger is dated by the service: the logging time that day, else noon of the day', () => {
    expect(serviceTime(day('2026-11-19'), new Date('2026-11-19T23:30:00+08:00'))).toEqual(new Date('2026-11-19T23:30:00+08:00'))
    expect(serviceTime(day('2026-09-30'), new Date('2026-10-01T08:00:00+08:00'))).toEqual(new Date('2026-09-30T12:00:00+08:00'))
  })
  it('#志愿 reads a day first, and a duration glued to the activity', () => {
    expect(parseVolunteer(['昨天', '3小时', '夜巡'], '', now)).toEqual({
      ok: true,
      args: { duration: '3小时', activity: '夜巡', names: [], day: day('2026-11-19') },
    })
    expect(parseVolunteer(['2小时助老'], '', now)).toMatchObject({ ok: true, args: { duration: '2小时', activity: '助老' } })
    expect(parseVolunteer(['1小时30分助老', '@张三'], '', now)).toMatchObject({ ok: true, args: { duration: '1小时30分', activity: '助老', names: ['张三'] } })
    expect(parseVolunteer(['半天七彩暑托班'], '', now)).toMatchObject({ ok: true, args: { duration: '半天', activity: '七彩暑托班' } })
    expect(parseVolunteer(['11月25日', '2小时', '助老'], '', now)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('还没到'),
      example: '#志愿 昨天 3小时 夜间巡逻',
    })
    expect(parseVolunteer(['昨天'], '', now)).toMatchObject({ ok: false, problem: expect.stringContaining('请写明服务时长') })
  })
  it('#审核 V3 驳回 without a reason gets its own example', () => {
    expect(parseReview(['V3', '驳回'])).toEqual({ ok: false, problem: '驳回请写明理由', example: '#审核 V3 驳回 时长有误' })
  })
  it('#冲正 takes V, T, H and P ids', () => {
    expect(parseCorrect(['V31', '重复'])).toEqual({ ok: true, args: { source: 'volunteer', number: 31, label: 'V31', reason: '重复' } })
    expect(parseCorrect(['t12。', '重复'])).toMatchObject({ ok: true, args: { source: 'task', label: 'T12' } })
    expect(parseCorrect(['H7', '误报'])).toMatchObject({ ok: true, args: { source: 'hazard', label: 'H7' } })
    expect(parseCorrect(['P3', '未完成'])).toMatchObject({ ok: true, args: { source: 'project', label: 'P3' } })
    expect(parseCorrect(['C3', '签到'])).toMatchObject({ ok: false })
    expect(parseCorrect(['V3'])).toMatchObject({ ok: false, problem: expect.stringContaining('理由') })
  })
})

describe('which item was meant', () => {
  const items = [{ name: '理发券' }, { name: '理发套餐' }, { name: '毛巾' }, { name: '一次性手套' }, { name: '微心愿' }]
  it.each([
    ['理发券', { kind: 'item', item: { name: '理发券' } }],
    ['理发券。', { kind: 'item', item: { name: '理发券' } }],
    ['理发券!', { kind: 'item', item: { name: '理发券' } }],
    ['理发', { kind: 'ambiguous', name: '理发', names: ['理发券', '理发套餐'] }],
    ['套餐', { kind: 'item', item: { name: '理发套餐' } }],
    ['毛巾 1条', { kind: 'none', name: '毛巾 1条' }],
    ['毛巾 1件', { kind: 'item', item: { name: '毛巾' } }],
    ['毛巾2件', { kind: 'count', name: '毛巾' }],
    ['两份微心愿', { kind: 'count', name: '微心愿' }],
    ['一次性手套', { kind: 'item', item: { name: '一次性手套' } }],
    ['电影票', { kind: 'none', name: '电影票' }],
  ])('%s', (typed, want) => expect(pickItem(items, typed)).toEqual(want))
  it('the same name offered by two units: the nearest (listed first)', () => {
    const two = [
      { name: '理发券', unitId: 5 },
      { name: '理发券', unitId: 1 },
    ]
    expect(pickItem(two, '理发')).toEqual({ kind: 'item', item: two[0] })
  })
})

describe('ranking periods in Asia/Shanghai', () => {
  it.each([
    // 2026-11-30 23:59 in Shanghai is 15:59 UTC: still November there.
    ['2026-11-30T15:59:00Z', 'month', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', [202611]],
    // 16:00 UTC on the 30th is midnight of 1 December in Shanghai: already December, though UTC says November.
    ['2026-11-30T16:00:00Z', 'month', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', [202612]],
    ['2026-09-30T15:59:59Z', 'quarter', '2026-06-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z', [202607, 202608, 202609]],
    ['2026-09-30T16:00:00Z', 'quarter', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', [202610, 202611, 202612]],
    [
      '2026-12-31T16:30:00Z',
      'year',
      '2026-12-31T16:00:00.000Z',
      '2027-12-31T16:00:00.000Z',
      [202701, 202702, 202703, 202704, 202705, 202706, 202707, 202708, 202709, 202710, 202711, 202712],
    ],
  ] as const)('%s, %s', (now, kind, from, to, months) => {
    const p = periodOf(kind, new Date(now))
    expect([p.from.toISOString(), p.to.toISOString(), p.months]).toEqual([from, to, months])
  })
  it('labels and month keys', () => {
    expect(periodOf('quarter', new Date('2026-11-20T01:00:00Z')).label).toBe('2026年第4季度')
    expect(monthKey(new Date('2026-11-30T16:00:00Z'))).toBe(202612)
    expect(monthPeriod('2026-11')?.from.toISOString()).toBe('2026-10-31T16:00:00.000Z')
    expect(monthPeriod('2026-13')).toBeNull()
  })
})

describe('redemption codes', () => {
  // Deterministic (issue #29): uniqueness is the database's unique constraint and a retry (freeCode below, and
  // test/points-race.int.test.ts forces a collision on PostgreSQL); random draws alike now and then, so no test
  // counts on chance. The shape is checked on a seeded generator and on the real one.
  it('are drawn from an unambiguous alphabet, not sequential', () => {
    let seed = 42
    const seeded = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const codes = Array.from({ length: 2000 }, () => makeCode(seeded))
    for (const c of [...codes, newCode()]) expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`))
    // Consecutive codes share no more positions than chance would (a counter would share most of them).
    const shared = codes.slice(1).map((c, i) => [...c].filter((ch, j) => codes[i]![j] === ch).length)
    expect(shared.reduce((a, b) => a + b, 0) / shared.length).toBeLessThan(1)
    expect(makeCode(() => 0)).toBe('222222')
    expect(makeCode((n) => randomInt(n))).toHaveLength(6)
  })
  it('draw again on a collision until one is free, and give up after six draws', async () => {
    const taken = new Set(['AAAAAA', 'BBBBBB'])
    const insert = async (c: string) => {
      if (taken.has(c)) return false
      taken.add(c)
      return true
    }
    const draws = ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD']
    const draw = () => draws.shift()!
    expect(await freeCode(draw, insert)).toBe('CCCCCC')
    expect(draws).toEqual(['DDDDDD'])
    await expect(freeCode(() => 'AAAAAA', insert)).rejects.toThrow('6 tries')
  })
  it('are read back whatever the case and spacing', () => expect(normaliseCode(' 7kq2-mx。')).toBe('7KQ2MX'))
})

describe('policies.points', () => {
  it('validates with the rest of the block, merges down the tree, and leaves the task policy as it was', () => {
    const top = toPolicyPatch({ points: { perHour: 2, activities: { 助老: 1.5 }, memberRankings: false }, volunteersClaim: true }, policySlices)
    const grid = toPolicyPatch({ points: { perHour: 1, task: 0 } }, policySlices)
    expect(top.ok && grid.ok).toBe(true)
    if (!top.ok || !grid.ok) return
    const p = resolvePointsPolicy([top.patch, grid.patch])
    expect(p).toMatchObject({ perHour: 1, activities: { 助老: 1.5 }, memberRankings: false, task: 0, halfDay: 4, hazard: DEFAULT_POINTS_POLICY.hazard })
    expect(resolvePolicy([top.patch, grid.patch]).volunteersClaim).toBe(true)
    expect(toPolicyPatch({ points: { perHour: -1 } }, policySlices)).toMatchObject({ ok: false, problems: [expect.stringContaining('points.perHour')] })
    expect(toPolicyPatch({ points: { bogus: 1 } }, policySlices)).toMatchObject({ ok: false })
    expect(resolvePointsPolicy([null, {}])).toEqual(DEFAULT_POINTS_POLICY)
  })
})
