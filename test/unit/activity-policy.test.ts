// policies.activities merged down the tree; kinds and teams from it; late, absent and photo rules (pure).
import { describe, expect, it } from 'vitest'
import { DEFAULT_ACTIVITY_POLICY, activityPolicyInput, isLate, photoAsked, resolveActivityPolicy } from '../../src/capabilities/activities/activity-policy.ts'
import { attendanceCounts } from '../../src/capabilities/activities/attendance-counts.ts'
import { teamOf } from '../../src/capabilities/activities/activity.service.ts'
import { activityKind, isMeetingKind, splitTeam } from '../../src/parser/activity-args.ts'
import { toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import { policySlices } from '../helpers/policy-slices.ts'

/** As the org import stores a unit's `policies:` block (kernel/policy/slice.ts). */
const stored = (raw: unknown) => {
  const r = toPolicyPatch(raw, policySlices)
  if (!r.ok) throw new Error(r.problems.join())
  return r.patch
}

const district = {
  activities: {
    kinds: [{ name: '志愿服务' }, { name: '议事', words: ['议事日', '恳谈'], meeting: true }, { name: '宣传', words: ['宣讲'] }],
    teams: ['青年突击队', '巾帼志愿队'],
  },
}
const grid = { activities: { checkIn: { photo: ['宣传'], grace: 5 }, eveningBefore: false } }

describe('policies.activities', () => {
  it('defaults when no unit sets anything, or a block is not valid', () => {
    expect(resolveActivityPolicy([null, {}, { activities: { checkIn: { radius: -1 } } }])).toEqual(DEFAULT_ACTIVITY_POLICY)
    expect(toPolicyPatch({ activities: { checkIn: { radius: -1 } } }, policySlices).ok).toBe(false)
  })

  it('nearest unit wins per key, checkIn per field', () => {
    const p = resolveActivityPolicy([stored(district), stored({ activities: { checkIn: { radius: 300 } } }), stored(grid)])
    expect(p.kinds.map((k) => k.name)).toEqual(['志愿服务', '议事', '宣传'])
    expect(p.teams).toEqual(['青年突击队', '巾帼志愿队'])
    expect(p.checkIn).toEqual({ radius: 300, photo: ['宣传'], grace: 5 })
    expect(p.eveningBefore).toBe(false)
    expect(p.hoursBefore).toBe(1)
  })

  it('the org file form is checked strictly', () => {
    expect(activityPolicyInput.safeParse(district.activities).success).toBe(true)
    expect(activityPolicyInput.safeParse({ kinds: [] }).success).toBe(false)
    expect(activityPolicyInput.safeParse({ checkIn: { radius: 100, foo: 1 } }).success).toBe(false)
  })

  it('kinds from the policy: words, the default, the meeting flag', () => {
    const { kinds } = resolveActivityPolicy([stored(district)])
    expect(activityKind('每月议事日', kinds)).toBe('议事')
    expect(activityKind('居民恳谈会', kinds)).toBe('议事')
    expect(activityKind('政策宣讲', kinds)).toBe('宣传')
    expect(activityKind('团建活动', kinds)).toBe('志愿服务')
    expect(activityKind('团建活动')).toBe('团建')
    expect(isMeetingKind('议事', kinds)).toBe(true)
    expect(isMeetingKind('宣传', kinds)).toBe(false)
  })

  it('a photo where the policy asks; late after the start and the grace', () => {
    const p = resolveActivityPolicy([stored(district), stored(grid)])
    expect([photoAsked(p, '宣传'), photoAsked(p, '议事'), photoAsked(DEFAULT_ACTIVITY_POLICY, '宣传')]).toEqual([true, false, false])
    const start = new Date('2026-11-21T01:00:00Z')
    expect(isLate(start, new Date('2026-11-21T01:05:00Z'), p)).toBe(false)
    expect(isLate(start, new Date('2026-11-21T01:05:01Z'), p)).toBe(true)
  })
})

describe('teams', () => {
  it('a word naming a team (or 队伍:…) is the team, not the place', () => {
    expect(splitTeam('社区广场 青年突击队', ['青年突击队'])).toEqual({ team: '青年突击队', place: '社区广场' })
    expect(splitTeam('队伍:文艺队', [])).toEqual({ team: '文艺队', place: null })
    expect(splitTeam('社区广场', ['青年突击队'])).toEqual({ team: null, place: '社区广场' })
  })

  it("else the organiser's first team, of the policy's when it lists them", () => {
    expect(teamOf('广场', { teams: ['团员先锋队', '巾帼志愿队'] }, ['巾帼志愿队']).team).toBe('巾帼志愿队')
    expect(teamOf('广场', { teams: ['团员先锋队'] }, []).team).toBe('团员先锋队')
    expect(teamOf('广场', { teams: ['团员先锋队'] }, ['巾帼志愿队']).team).toBe(null)
  })
})

describe('attendance counts', () => {
  const s = (name: string, status: string, attended: boolean, extra: { walkIn?: boolean; late?: boolean } = {}) => ({
    name,
    status,
    attendedAt: attended ? new Date() : null,
    walkIn: extra.walkIn ?? false,
    late: extra.late ?? false,
  })
  const rows = [
    s('甲', 'signed', true),
    s('乙', 'signed', true, { late: true }),
    s('丙', 'signed', false),
    s('丁', 'waiting', false),
    s('戊', 'signed', true, { walkIn: true }),
    s('己', 'cancelled', false),
  ]

  it('absent only once closed: signed up, not a walk-in, not attended', () => {
    expect(attendanceCounts(rows, true)).toEqual({ signups: 4, attended: 3, late: 1, absent: 1, absentNames: ['丙'] })
    expect(attendanceCounts(rows, false).absent).toBe(0)
  })
})
