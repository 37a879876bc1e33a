// The clock of each kind of item (issue #22): clockOf's table, the org file's overrides, the level-0 rule, and the
// times the district's defaults give on virtual time.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, policyProblems, resolvePolicy } from '../../src/kernel/policy/policy.ts'
import { clockOf, type ClockItem } from '../../src/kernel/escalation/clock.ts'
import { levelZeroMentions } from '../../src/kernel/escalation/level-zero.ts'
import { escalationDueAt } from '../../src/kernel/escalation/schedule.ts'
import { formatLocal } from '../../src/core/time.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

describe('clockOf with the default policy', () => {
  const rows: [string, ClockItem, number, boolean][] = [
    ['normal task', { kind: 'task', urgent: false }, 10 * MIN, false],
    ['urgent task', { kind: 'task', urgent: true }, 3 * MIN, true],
    ['消防', { kind: 'hazard', category: 'fire', urgent: false }, HOUR, false],
    ['消防 urgent', { kind: 'hazard', category: 'fire', urgent: true }, 3 * MIN, true],
    ['燃气', { kind: 'hazard', category: 'gas', urgent: false }, HOUR, false],
    ['燃气 urgent', { kind: 'hazard', category: 'gas', urgent: true }, 3 * MIN, true],
    ['用电', { kind: 'hazard', category: 'electrical', urgent: false }, 2 * HOUR, false],
    ['治安', { kind: 'hazard', category: 'public_order', urgent: false }, 2 * HOUR, false],
    ['交通', { kind: 'hazard', category: 'traffic', urgent: false }, 2 * HOUR, false],
    ['交通 urgent', { kind: 'hazard', category: 'traffic', urgent: true }, 10 * MIN, true],
    ['建筑', { kind: 'hazard', category: 'building', urgent: false }, 4 * HOUR, false],
    ['环境', { kind: 'hazard', category: 'environment', urgent: false }, DAY, false],
    ['环境 urgent', { kind: 'hazard', category: 'environment', urgent: true }, HOUR, true],
    ['其他', { kind: 'hazard', category: 'other', urgent: false }, DAY, false],
    ['need', { kind: 'need' }, 3 * DAY, false],
    ['project', { kind: 'project' }, DAY, false],
  ]
  it.each(rows)('%s', (_, item, periodMs, urgent) => {
    expect(clockOf(item, DEFAULT_POLICY)).toEqual({ periodMs, urgent })
  })
})

describe('clocks from the org file', () => {
  const chain = [
    { escalation: { hazards: { 环境: '12h', 消防: { urgent: '1m' } }, needs: '7d' }, projects: { escalation: '2d' } },
    null,
    { escalation: { normal: '30m', hazards: { environment: { urgent: '20m' } } } },
  ]
  const p = resolvePolicy(chain)
  it('merge per category and per normal/urgent, nearest unit wins', () => {
    expect(clockOf({ kind: 'hazard', category: 'environment', urgent: false }, p).periodMs).toBe(12 * HOUR)
    expect(clockOf({ kind: 'hazard', category: 'environment', urgent: true }, p).periodMs).toBe(20 * MIN)
    expect(clockOf({ kind: 'hazard', category: 'fire', urgent: true }, p).periodMs).toBe(MIN)
    expect(clockOf({ kind: 'hazard', category: 'fire', urgent: false }, p).periodMs).toBe(HOUR)
    expect(clockOf({ kind: 'task', urgent: false }, p).periodMs).toBe(30 * MIN)
    expect(clockOf({ kind: 'need' }, p).periodMs).toBe(7 * DAY)
    expect(clockOf({ kind: 'project' }, p).periodMs).toBe(2 * DAY)
  })
  it('a nearer unit overrides only what it names', () => {
    expect(clockOf({ kind: 'hazard', category: 'gas', urgent: false }, resolvePolicy(chain.slice(0, 1))).periodMs).toBe(HOUR)
    expect(clockOf({ kind: 'need' }, resolvePolicy([null, { escalation: { needs: '1d' } }])).periodMs).toBe(DAY)
  })
  it('refuses unknown categories, bad durations and misspelt keys (in Chinese)', () => {
    expect(policyProblems({ escalation: { hazards: { 火灾: '1h' } } }, policySlices).join()).toMatch(/火灾/)
    expect(policyProblems({ escalation: { hazards: { 消防: 'soon' } } }, policySlices).join()).toMatch(/时长格式/)
    expect(policyProblems({ escalation: { needs: 'soon' } }, policySlices).join()).toMatch(/时长格式/)
    expect(policyProblems({ escalation: { hazard: { 消防: '1h' } } }, policySlices).length).toBe(1)
    expect(policyProblems({ escalation: { hazards: { 消防: { normal: '2h', urgent: '5m' } }, needs: '3d' } }, policySlices)).toEqual([])
  })
})

describe('the defaults on virtual time', () => {
  const base = new Date('2026-11-20T09:00:00+08:00')
  const due = (item: ClockItem, level: number) =>
    formatLocal(escalationDueAt({ kind: 'unclaimed', base, level, lastAt: null, clock: clockOf(item, DEFAULT_POLICY), quietHours: DEFAULT_POLICY.quietHours }))
  it('a 环境 report routed to a grid reaches the district (level 3) days later, not the same day', () => {
    expect([0, 1, 2, 3].map((l) => due({ kind: 'hazard', category: 'environment', urgent: false }, l))).toEqual([
      '11月21日 09:00',
      '11月22日 09:00',
      '11月23日 09:00',
      '11月24日 09:00',
    ])
  })
  it('an urgent 消防 report routed to a community reaches the district (level 2) in minutes, even at night', () => {
    expect(due({ kind: 'hazard', category: 'fire', urgent: true }, 2)).toBe('11月20日 09:09')
    const night = new Date('2026-11-20T23:30:00+08:00')
    const at = escalationDueAt({
      kind: 'unclaimed',
      base: night,
      level: 2,
      lastAt: null,
      clock: clockOf({ kind: 'hazard', category: 'fire', urgent: true }, DEFAULT_POLICY),
      quietHours: DEFAULT_POLICY.quietHours,
    })
    expect(formatLocal(at)).toBe('11月20日 23:39')
  })
  it('a need waits 3 days a level, out of quiet hours', () => {
    expect(due({ kind: 'need' }, 0)).toBe('11月23日 09:00')
    expect(due({ kind: 'need' }, 1)).toBe('11月26日 09:00')
  })
})

describe('level 0 goes to the unit that must act, never back to the raiser', () => {
  const li = { id: 1 }
  const chen = { id: 2 }
  const wang = { id: 3 }
  const rows: [string, { cadres: { id: number }[]; supervisors: { id: number }[]; raiserId: number | null }, number[]][] = [
    ['the cadres, raised by someone else', { cadres: [li, chen], supervisors: [], raiserId: 9 }, [1, 2]],
    ['the other cadres, raised by one of them', { cadres: [li, chen], supervisors: [], raiserId: 1 }, [2]],
    ['nobody @-ed when the raiser is the only cadre', { cadres: [li], supervisors: [], raiserId: 1 }, []],
    ['the supervisors when the unit has no cadres', { cadres: [], supervisors: [wang], raiserId: 1 }, [3]],
    ['not the supervisor who raised it', { cadres: [], supervisors: [wang], raiserId: 3 }, []],
    ['a resident raiser (no member id)', { cadres: [li], supervisors: [], raiserId: null }, [1]],
  ]
  it.each(rows)('%s', (_, a, ids) => {
    expect(levelZeroMentions(a).map((m) => m.id)).toEqual(ids)
  })
})
