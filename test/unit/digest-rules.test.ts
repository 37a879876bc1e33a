// Digests, pure: periods named by words, folding a subtree into children, and the text (problems first).
import { describe, expect, it } from 'vitest'
import { childOf, dayPeriod, digestPeriodOf, digestText, emptyChild, previousPeriod } from '../../src/capabilities/digests/digest-rules.ts'
import type { DigestCounts } from '../../src/capabilities/digests/digest.types.ts'

const at = (s: string) => new Date(s)
const NOW = at('2026-11-21T08:00:00+08:00') // a Saturday

describe('digest periods', () => {
  it.each([
    ['daily', '', '11月20日', '2026-11-20T00:00:00+08:00', '2026-11-21T00:00:00+08:00'],
    ['daily', '昨天', '11月20日', '2026-11-20T00:00:00+08:00', '2026-11-21T00:00:00+08:00'],
    ['daily', '今天', '11月21日', '2026-11-21T00:00:00+08:00', '2026-11-22T00:00:00+08:00'],
    ['daily', '前天', '11月19日', '2026-11-19T00:00:00+08:00', '2026-11-20T00:00:00+08:00'],
    ['daily', '11月3日', '11月3日', '2026-11-03T00:00:00+08:00', '2026-11-04T00:00:00+08:00'],
    ['daily', '12月31日', '12月31日', '2025-12-31T00:00:00+08:00', '2026-01-01T00:00:00+08:00'],
    ['daily', '2026-11-20', '11月20日', '2026-11-20T00:00:00+08:00', '2026-11-21T00:00:00+08:00'],
    ['weekly', '', '11月9日至11月15日', '2026-11-09T00:00:00+08:00', '2026-11-16T00:00:00+08:00'],
    ['weekly', '本周', '11月16日至11月22日', '2026-11-16T00:00:00+08:00', '2026-11-23T00:00:00+08:00'],
    ['monthly', '', '2026年10月', '2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'],
    ['monthly', '本月', '2026年11月', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['monthly', '9月', '2026年9月', '2026-09-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00'],
  ] as const)('%s %s → %s', (kind, word, label, from, to) => {
    const r = digestPeriodOf(kind, word, NOW)
    expect(r.ok && { label: r.period.label, from: r.period.from, to: r.period.to, kind: r.period.kind }).toEqual({ label, from: at(from), to: at(to), kind })
  })

  it.each([
    ['daily', '明天'],
    ['daily', '2月30日'],
    ['daily', '2026-11-22'],
    ['weekly', '下周'],
    ['monthly', '本季'],
  ] as const)('%s %s is refused', (kind, word) => {
    expect(digestPeriodOf(kind, word, NOW).ok).toBe(false)
  })

  it('a day not yet come is refused as such, not as unreadable', () => {
    for (const w of ['明天', '后天']) expect(digestPeriodOf('daily', w, NOW)).toEqual({ ok: false, problem: '这一天还没到。' })
  })

  it('a scheduled digest reports the day, week or month before it fires', () => {
    expect(previousPeriod('daily', at('2026-11-21T08:00:00+08:00')).label).toBe('11月20日')
    expect(previousPeriod('weekly', at('2026-11-23T08:00:00+08:00')).label).toBe('11月16日至11月22日')
    expect(previousPeriod('monthly', at('2026-12-01T08:00:00+08:00')).label).toBe('2026年11月')
    expect(previousPeriod('daily', at('2026-11-01T00:30:00+08:00')).from).toEqual(at('2026-10-31T00:00:00+08:00'))
  })
})

describe('folding a subtree into the root children', () => {
  it.each([
    ['/1/', '/1/', null],
    ['/1/', '/1/4/', 4],
    ['/1/', '/1/4/17/', 4],
    ['/1/4/', '/1/4/17/30/', 17],
    ['/1/4/', '/1/5/', null],
  ] as const)('%s, %s → %s', (root, unit, child) => expect(childOf(root, unit)).toBe(child))
})

const base = (): DigestCounts => ({
  unitName: '华府社区',
  period: dayPeriod(at('2026-11-20T12:00:00+08:00')),
  late: false,
  children: [emptyChild('华府社区5号网格', true), emptyChild('华府社区6号网格', true)],
  own: emptyChild('华府社区', false),
  checkinsByType: { patrol: 0, visit: 0, meeting: 0, service: 0, publicity: 0, mediation: 0, collection: 0 },
  households: 0,
  tasks: { opened: 0, claimed: 0, done: 0 },
  hazards: { reported: 0, resolved: 0 },
  hours: { approvedMinutes: 0, approvedEntries: 0 },
  notices: { sent: 0, deliveries: 0, rooms: 0, onTime: 0 },
  funnel: {
    needs: 0,
    needsMet: 0,
    needsConverted: 0,
    tasks: 0,
    tasksDone: 0,
    tasksFromNeeds: 0,
    projects: 0,
    projectsDone: 0,
    resources: 0,
    matches: 0,
    resourcesMatched: 0,
  },
})

describe('digest text', () => {
  it('a quiet day: no problems, zeros', () => {
    expect(digestText(base())).toBe(
      [
        '【日报】华府社区 · 11月20日',
        '✅ 暂无待关注事项',
        '📋 当日',
        '签到 0 次',
        '各单位签到:华府社区5号网格 0、华府社区6号网格 0',
        '任务 新建 0 · 认领 0 · 完成 0',
        '隐患 上报 0 · 办结 0',
        '志愿时长 批准 0 小时(0 条)',
        '通知 0 条',
        '清单 需求 0(已解决 0)→ 任务 0(已完成 0)→ 项目 0(已完成 0)',
      ].join('\n'),
    )
  })

  it('problems first, each naming the child; grandchildren only counted; ids capped; late marked 补发', () => {
    const c = base()
    c.late = true
    c.unitName = '人和路街道'
    c.children = [
      { ...emptyChild('华府社区', false), silentGrids: 2, overdueTasks: [9, 3, 4, 5, 6, 7], pendingHours: 3, checkins: 7 },
      { ...emptyChild('正商社区', false), unackedNotices: 1, oldHazards: [2], checkins: 1 },
    ]
    c.own = { ...emptyChild('人和路街道', false), overdueTasks: [12] }
    c.checkinsByType = { patrol: 3, visit: 4, meeting: 1, service: 0, publicity: 2, mediation: 0, collection: 0 }
    c.households = 23
    c.tasks = { opened: 3, claimed: 2, done: 1 }
    c.hazards = { reported: 2, resolved: 1 }
    c.hours = { approvedMinutes: 270, approvedEntries: 3 }
    c.notices = { sent: 2, deliveries: 8, rooms: 8, onTime: 6 }
    expect(digestText(c).split('\n')).toEqual([
      '【日报】人和路街道 · 11月20日(补发)',
      '⚠️ 待关注',
      '· 连续3天未签到:华府社区 2个网格',
      '· 逾期任务:华府社区 6件(T3、T4、T5、T6、T7…);本级 1件(T12)',
      '· 通知超时未确认:正商社区 1个群',
      '· 隐患超48小时未办结:正商社区 1件(H2)',
      '· 志愿时长待审核:华府社区 3条',
      '📋 当日',
      '签到 10 次(巡查 3、走访 4、议事 1、宣传 2),走访 23 户',
      '各单位签到:华府社区 7、正商社区 1',
      '任务 新建 3 · 认领 2 · 完成 1',
      '隐患 上报 2 · 办结 1',
      '志愿时长 批准 4.5 小时(3 条)',
      '通知 2 条,下发 8 个群,按时确认 6 个(75%)',
      '清单 需求 0(已解决 0)→ 任务 0(已完成 0)→ 项目 0(已完成 0)',
    ])
  })

  it('counts groups once: 5 notices to 7 groups are 7 groups, 14 deliveries 群次 (issue #29)', () => {
    const c = base()
    c.notices = { sent: 5, deliveries: 14, rooms: 7, onTime: 7 }
    expect(digestText(c)).toContain('通知 5 条,下发 7 个群共 14 群次,按时确认 7 群次(50%)')
  })

  it('activities counted when any were held (#24): attendances, late and absent', () => {
    const c = base()
    expect(digestText(c)).not.toContain('活动')
    c.activities = { held: 3, attended: 25, late: 2, absent: 1 }
    expect(digestText(c)).toContain('志愿时长 批准 0 小时(0 条)\n活动 3 场,到场 25 人次(迟到 2 · 缺席 1)\n')
    c.activities = { held: 1, attended: 4, late: 0, absent: 0 }
    expect(digestText(c)).toContain('\n活动 1 场,到场 4 人次\n')
  })

  it('a grid child is named itself when silent', () => {
    const c = base()
    c.children[1] = { ...c.children[1]!, silentGrids: 1 }
    expect(digestText(c)).toContain('· 连续3天未签到:华府社区6号网格\n')
  })
})
