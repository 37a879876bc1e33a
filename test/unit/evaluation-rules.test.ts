// Evaluation's pure rules: the score by policy weights and caps, who may see whose score, who may grade whom,
// grades as typed, the table's order (never by score), and the periods people name (Asia/Shanghai).
import { describe, expect, it } from 'vitest'
import { DEFAULT_EVALUATION_POLICY, resolveEvaluationPolicy } from '../../src/capabilities/evaluation/evaluation-policy.ts'
import { mayGrade, mayViewScore, parseGrade, scoreOf, tableOrder } from '../../src/capabilities/evaluation/evaluation-rules.ts'
import { monthOf, parsePeriod, periodKey, quarterOf, yearOf, yearToDate } from '../../src/capabilities/evaluation/periods.ts'
import { toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const inputs = { checkins: 12, tasks: 3, projects: 1, hazards: 2, hours: 4.5, noticeAck: null, six: 3, activitiesOrganised: 0, activitiesAttended: 0 }

describe('the score', () => {
  it('is Σ weight × input with the default weights (notices unknown add nothing)', () => {
    // 12×1 + 3×5 + 1×10 + 2×3 + 4.5×2 + 3×5 = 12 + 15 + 10 + 6 + 9 + 15 = 67
    expect(scoreOf(inputs, DEFAULT_EVALUATION_POLICY)).toBe(67)
    expect(scoreOf({ ...inputs, noticeAck: 0.75 }, DEFAULT_EVALUATION_POLICY)).toBe(82)
    // Activities (#24): 2 organised × 3 + 5 attended × 1 = 11 more.
    expect(scoreOf({ ...inputs, activitiesOrganised: 2, activitiesAttended: 5 }, DEFAULT_EVALUATION_POLICY)).toBe(78)
  })
  it('follows the org policy: weights and caps merged down the tree', () => {
    const district = toPolicyPatch({ evaluation: { weights: { checkins: 0.5, six: 10 }, caps: { checkins: 10 } } }, policySlices)
    const unit = toPolicyPatch({ evaluation: { weights: { tasks: 4 } } }, policySlices)
    if (!district.ok || !unit.ok) throw new Error('valid')
    const p = resolveEvaluationPolicy([district.patch, unit.patch])
    // min(12, 10)×0.5 + 3×4 + 1×10 + 2×3 + 4.5×2 + 3×10 = 5 + 12 + 10 + 6 + 9 + 30 = 72
    expect(scoreOf(inputs, p)).toBe(72)
    expect(toPolicyPatch({ evaluation: { weights: { smiles: 1 } } }, policySlices).ok).toBe(false)
    expect(toPolicyPatch({ evaluation: { weights: { tasks: -1 } } }, policySlices).ok).toBe(false)
  })
})

const district = { path: '/1/' }
const town = { path: '/1/2/' }
const huafu = { path: '/1/2/3/' }
const grid5 = { path: '/1/2/3/4/' }
const zhengshang = { path: '/1/2/5/' }
const p = (id: number, role: 'grid_cadre' | 'supervisor' | 'volunteer' | 'admin', unit: { path: string }, unitId: number) => ({ id, role, unit, unitId })
const lijiaxin = p(1, 'grid_cadre', grid5, 4)
const wang = p(2, 'supervisor', huafu, 3)
const wang2 = p(3, 'supervisor', huafu, 3)
const liu = p(4, 'supervisor', town, 2)
const wu = p(5, 'supervisor', zhengshang, 5)
const chen = p(6, 'grid_cadre', grid5, 4)
const admin = p(7, 'admin', district, 1)
const yang = p(8, 'volunteer', grid5, 4)

describe('who may see whose score', () => {
  it.each([
    ['oneself', lijiaxin, lijiaxin, true],
    ['a fellow grid cadre', chen, lijiaxin, false],
    ['the community supervisor', wang, lijiaxin, true],
    ['the town supervisor', liu, lijiaxin, true],
    ['the town supervisor, of a community supervisor', liu, wang, true],
    ['a fellow supervisor of the same community', wang2, wang, false],
    ['a supervisor of a sibling community', wu, lijiaxin, false],
    ['a grid cadre, of their supervisor', lijiaxin, wang, false],
    ['the district admin', admin, lijiaxin, true],
  ])('%s', (_l, viewer, subject, want) => expect(mayViewScore(viewer, subject)).toBe(want))
})

describe('who may grade whom', () => {
  it.each([
    ['a supervisor above', wang, lijiaxin, 'ok'],
    ['two levels above', liu, lijiaxin, 'ok'],
    ['the town, a community supervisor', liu, wang, 'ok'],
    ['oneself', wang, wang, 'GRADE_SELF'],
    ['a grid cadre', lijiaxin, chen, 'GRADE_NOT_SUPERVISOR'],
    ['a sibling subtree', wu, lijiaxin, 'GRADE_OUTSIDE'],
    ['a fellow supervisor of the unit', wang2, wang, 'GRADE_PEER'],
    ['a volunteer (not a cadre)', wang, yang, 'GRADE_NOT_CADRE'],
    ['upwards', wang, liu, 'GRADE_OUTSIDE'],
  ])('%s', (_l, grader, subject, want) => {
    const d = mayGrade(grader, subject)
    expect(d.ok ? 'ok' : d.code).toBe(want)
  })
})

describe('grades and order', () => {
  it.each([
    ['优秀', '优秀'],
    ['良', '良好'],
    ['及格', '合格'],
    ['不合格', '不合格'],
    ['很好', null],
  ])('%s → %s', (w, want) => expect(parseGrade(w)).toBe(want))
  it('orders by unit, then name, never by score', () => {
    const rows = [
      { unitPath: '/1/2/3/4/', name: '李佳鑫', score: 10 },
      { unitPath: '/1/2/3/', name: '王书记', score: 0 },
      { unitPath: '/1/2/3/4/', name: '陈晓', score: 99 },
    ]
    expect(tableOrder(rows).map((r) => r.name)).toEqual(['王书记', '陈晓', '李佳鑫'])
  })
})

describe('periods (Asia/Shanghai)', () => {
  const now = new Date('2026-11-20T09:00:00+08:00')
  const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
  it.each([
    ['本月', 'month', '2026-11-01', '2026-12-01', '2026-11'],
    ['上月', 'month', '2026-10-01', '2026-11-01', '2026-10'],
    ['11月', 'month', '2026-11-01', '2026-12-01', '2026-11'],
    ['十月', 'month', '2026-10-01', '2026-11-01', '2026-10'],
    ['12月', 'month', '2025-12-01', '2026-01-01', '2025-12'],
    ['本季', 'quarter', '2026-10-01', '2027-01-01', '2026Q4'],
    ['上季', 'quarter', '2026-07-01', '2026-10-01', '2026Q3'],
    ['本年', 'year', '2026-01-01', '2027-01-01', '2026'],
    ['去年', 'year', '2025-01-01', '2026-01-01', '2025'],
    ['2026-03', 'month', '2026-03-01', '2026-04-01', '2026-03'],
    ['2026Q1', 'quarter', '2026-01-01', '2026-04-01', '2026Q1'],
    ['2026年第二季度', 'quarter', '2026-04-01', '2026-07-01', '2026Q2'],
    ['2025年', 'year', '2025-01-01', '2026-01-01', '2025'],
  ])('%s', (word, kind, from, to, key) => {
    const period = parsePeriod(word, now)!
    expect([period.kind, local(period.from), local(period.to), periodKey(period)]).toEqual([kind, from, to, key])
  })
  it('month boundaries are China midnight, whatever the machine’s zone', () => {
    expect(monthOf('2026-11')!.from.toISOString()).toBe('2026-10-31T16:00:00.000Z')
  })
  it('refuses what is not a period', () => {
    for (const w of ['明天', '13月', '2026-13', '2026Q5', '华府社区']) expect(parsePeriod(w, now)).toBeNull()
    expect(quarterOf('Q4')).toBeNull()
    expect(yearOf('26')).toBeNull()
  })
  it('六个一 runs over the year up to the period’s end', () => {
    const r = yearToDate(monthOf('2026-11')!)
    expect([local(r.from), local(r.to)]).toEqual(['2026-01-01', '2026-12-01'])
  })
})
