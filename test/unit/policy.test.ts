import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, policyProblems, resolvePolicy } from '../../src/kernel/policy/policy.ts'
import { formatWait } from '../../src/kernel/texts/wait.texts.ts'
import { escalationDueAt, maxLevel, nextReminder } from '../../src/kernel/escalation/schedule.ts'
import { deferQuiet } from '../../src/kernel/escalation/quiet-hours.ts'
import { clockOf } from '../../src/kernel/escalation/clock.ts'
import { formatLocal } from '../../src/core/time.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const t = (s: string) => new Date(`2026-11-20T${s}:00+08:00`)
const f = (d: Date) => formatLocal(d)

describe('resolvePolicy', () => {
  it('inherits down the tree, nearest wins', () => {
    const p = resolvePolicy([
      { escalation: { normal: '15m' }, quietHours: { start: '21:00', end: '08:00' } },
      null,
      { escalation: { urgent: '1m', levels: 2 }, reminders: ['1h', '2h'] },
    ])
    expect(p.periodMs).toEqual({ normal: 15 * 60_000, urgent: 60_000 })
    expect(p.levels).toBe(2)
    expect(p.remindersMs).toEqual([7_200_000, 3_600_000])
    expect(p.quietHours).toEqual({ start: 21 * 60, end: 8 * 60 })
    expect(resolvePolicy([{ quietHours: false }]).quietHours).toBeNull()
    expect(resolvePolicy([])).toEqual(DEFAULT_POLICY)
  })
  it('reports bad keys instead of half-applying them', () => {
    expect(policyProblems({ escalation: { normal: 'soon' } }, policySlices).join()).toMatch(/时长格式/)
    expect(policyProblems({ quietHours: { start: '25:00', end: '07:00' } }, policySlices).join()).toMatch(/时间格式/)
    expect(policyProblems({ colour: 'red' }, policySlices).length).toBe(1)
    expect(resolvePolicy([{ escalation: { normal: 'soon' } }]).periodMs.normal).toBe(10 * 60_000)
  })
})

describe('quiet hours', () => {
  it('hold normal work until they end, overnight', () => {
    expect(f(deferQuiet(t('22:05'), false, DEFAULT_POLICY.quietHours))).toBe('11月21日 07:00')
    expect(f(deferQuiet(t('06:59'), false, DEFAULT_POLICY.quietHours))).toBe('11月20日 07:00')
    expect(f(deferQuiet(t('21:59'), false, DEFAULT_POLICY.quietHours))).toBe('11月20日 21:59')
  })
  it('never hold urgent work', () => {
    expect(f(deferQuiet(t('23:30'), true, DEFAULT_POLICY.quietHours))).toBe('11月20日 23:30')
  })
})

describe('escalationDueAt', () => {
  const base = t('09:00')
  it('walks one period per level, unclaimed after one period, overdue from the deadline', () => {
    const due = (level: number, kind: 'unclaimed' | 'overdue', urgent = false) =>
      f(escalationDueAt({ kind, base, level, lastAt: null, clock: clockOf({ kind: 'task', urgent }, DEFAULT_POLICY), quietHours: DEFAULT_POLICY.quietHours }))
    expect([0, 1, 2, 3].map((l) => due(l, 'unclaimed'))).toEqual(['11月20日 09:10', '11月20日 09:20', '11月20日 09:30', '11月20日 09:40'])
    expect([0, 1, 2].map((l) => due(l, 'unclaimed', true))).toEqual(['11月20日 09:03', '11月20日 09:06', '11月20日 09:09'])
    expect([0, 1].map((l) => due(l, 'overdue'))).toEqual(['11月20日 09:00', '11月20日 09:10'])
  })
  it('keeps a period after a deferred post instead of bunching', () => {
    const lastAt = t('07:00')
    const at = escalationDueAt({
      kind: 'unclaimed',
      base: t('21:50'),
      level: 1,
      lastAt: new Date(lastAt.getTime() + 86_400_000),
      clock: clockOf({ kind: 'task', urgent: false }, DEFAULT_POLICY),
      quietHours: DEFAULT_POLICY.quietHours,
    })
    expect(f(at)).toBe('11月21日 07:10')
  })
  it('caps levels at the district or the policy', () => {
    expect(maxLevel(3, DEFAULT_POLICY)).toBe(3)
    expect(maxLevel(3, { ...DEFAULT_POLICY, levels: 1 })).toBe(1)
  })
})

describe('nextReminder', () => {
  it('sends 24 h and 1 h before, skipping those already past', () => {
    const deadline = new Date('2026-11-22T15:00:00+08:00')
    expect(f(nextReminder({ deadline, sent: 0, now: t('09:00'), urgent: false, policy: DEFAULT_POLICY })!.at)).toBe('11月21日 15:00')
    expect(nextReminder({ deadline, sent: 0, now: new Date('2026-11-21T16:00:00+08:00'), urgent: false, policy: DEFAULT_POLICY })!.index).toBe(1)
    expect(nextReminder({ deadline, sent: 2, now: t('09:00'), urgent: false, policy: DEFAULT_POLICY })).toBeNull()
  })
  it('drops a reminder that quiet hours would push past the deadline', () => {
    const deadline = new Date('2026-11-21T06:30:00+08:00')
    expect(nextReminder({ deadline, sent: 1, now: t('09:00'), urgent: false, policy: DEFAULT_POLICY })).toBeNull()
    expect(f(nextReminder({ deadline, sent: 1, now: t('09:00'), urgent: true, policy: DEFAULT_POLICY })!.at)).toBe('11月21日 05:30')
  })
})

describe('formatWait', () => {
  it('says how long in Chinese', () => {
    expect(formatWait(10 * 60_000)).toBe('10分钟')
    expect(formatWait(125 * 60_000)).toBe('2小时5分钟')
    expect(formatWait(26 * 3_600_000)).toBe('1天2小时')
    expect(formatWait(0)).toBe('0分钟')
  })
})

describe('policies stored validated', () => {
  it('a patch made at import resolves like the org-file block it came from', async () => {
    const { toPolicyPatch } = await import('../../src/kernel/policy/policy.ts')
    const raw = { escalation: { normal: '15m', urgent: '2m', levels: 2 }, reminders: ['1h', '2h'], quietHours: false }
    const r = toPolicyPatch(raw, policySlices)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.patch).toEqual({ v: 1, periodMs: { normal: 900_000, urgent: 120_000 }, levels: 2, remindersMs: [7_200_000, 3_600_000], quietHours: null })
    expect(resolvePolicy([r.patch])).toEqual(resolvePolicy([raw]))
    expect(toPolicyPatch({ escalation: { normal: 'soon' } }, policySlices)).toMatchObject({ ok: false })
  })
})
