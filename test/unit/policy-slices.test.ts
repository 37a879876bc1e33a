// Capabilities' slices of the org file's `policies:` (kernel/policy/slice.ts): validated with their schema at import,
// stored under their key, merged district → unit with the nearest unit winning.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { policyProblems, policySchema, resolvePolicy, toPolicyPatch, type PolicyPatch } from '../../src/kernel/policy/policy.ts'
import { overrideKeys, resolveSlice, type PolicySlice } from '../../src/kernel/policy/slice.ts'
import { DEFAULT_ACTIVITY_POLICY, reminderTimes, resolveActivityPolicy } from '../../src/capabilities/activities/activity-policy.ts'
import { resolvePointsPolicy } from '../../src/capabilities/points/points-policy.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const colours: PolicySlice<{ pen: string; ink: number }> = {
  key: 'colours',
  input: z.object({ pen: z.enum(['red', 'blue']).optional(), ink: z.number().min(0).optional() }).strict(),
  defaults: { pen: 'blue', ink: 1 },
}
const patch = (raw: unknown, slices: readonly PolicySlice[] = [colours]): PolicyPatch => {
  const r = toPolicyPatch(raw, slices)
  if (!r.ok) throw new Error(r.problems.join())
  return r.patch
}

describe('a policy slice', () => {
  it('is validated with its own schema at import, problems under its key', () => {
    expect(policyProblems({ colours: { pen: 'green' } }, [colours]).join()).toMatch(/^colours\.pen: /)
    expect(policyProblems({ colours: { pen: 'red', size: 3 } }, [colours])).toHaveLength(1)
    expect(policyProblems({ colours: { pen: 'red' } }, [colours])).toEqual([])
  })
  it('is an unknown key where no capability declares it', () => {
    expect(policyProblems({ colours: { pen: 'red' } }, [])).toHaveLength(1)
  })
  it('is stored under its key, as its toPatch makes it (as validated by default)', () => {
    expect(patch({ colours: { pen: 'red' }, volunteersClaim: true })).toEqual({ v: 1, volunteersClaim: true, colours: { pen: 'red' } })
    const doubled = { ...colours, toPatch: (v: unknown) => ({ ink: (v as { ink: number }).ink * 2 }) }
    expect(patch({ colours: { ink: 2 } }, [doubled]).colours).toEqual({ ink: 4 })
    expect(patch({ escalation: { normal: '5m' } })).not.toHaveProperty('colours')
  })
  it('merges from the district down, the nearest unit winning key by key', () => {
    const chain = [patch({ colours: { pen: 'red', ink: 3 } }), null, patch({}), patch({ colours: { ink: 5 } })]
    expect(resolveSlice(colours, chain)).toEqual({ pen: 'red', ink: 5 })
    expect(resolveSlice(colours, [])).toEqual({ pen: 'blue', ink: 1 })
  })
  it('merges with its own merge where it declares one', () => {
    const sum = { ...colours, merge: (into: { pen: string; ink: number }, p: unknown) => ({ ...into, ink: into.ink + ((p as { ink?: number }).ink ?? 0) }) }
    expect(resolveSlice(sum, [patch({ colours: { ink: 2 } }), patch({ colours: { ink: 3 } })]).ink).toBe(6)
  })
  it('reads a block stored before patches existed by validating it, and never half-applies a bad one', () => {
    expect(resolveSlice(colours, [{ colours: { pen: 'red' } }, { colours: { pen: 'green', ink: 9 } }])).toEqual({ pen: 'red', ink: 1 })
  })
  it('never lets a caller change the defaults', () => {
    const p = resolveSlice(colours, [])
    p.ink = 99
    expect(resolveSlice(colours, []).ink).toBe(1)
  })
  it('cannot take a key twice, nor one of the kernel’s', () => {
    expect(() => policySchema([colours, { ...colours }])).toThrow(/colours/)
    expect(() => policySchema([{ ...colours, key: 'escalation' }])).toThrow(/escalation/)
  })
  it('overrideKeys skips keys left undefined', () => {
    expect(overrideKeys({ a: 1, b: 2 }, { a: undefined, b: 3 })).toEqual({ a: 1, b: 3 })
  })
  it('leaves the kernel’s own keys to resolvePolicy', () => {
    expect(resolvePolicy([patch({ colours: { pen: 'red' }, escalation: { normal: '15m' } })]).periodMs.normal).toBe(15 * 60_000)
  })
})

describe('policies.activities, end to end at the resolver', () => {
  it('is validated, stored and merged district → grid like every slice', () => {
    expect(policyProblems({ activities: { eveningBefore: 25 } }, policySlices).join()).toMatch(/activities\.eveningBefore/)
    const district = patch({ activities: { eveningBefore: 19, hoursBefore: 3 } }, policySlices)
    const grid = patch({ activities: { hoursBefore: 2, supervisorApproves: false } }, policySlices)
    expect(resolveActivityPolicy([])).toEqual(DEFAULT_ACTIVITY_POLICY)
    const p = resolveActivityPolicy([district, null, grid])
    expect(p).toMatchObject({ eveningBefore: 19, hoursBefore: 2, supervisorApproves: false })
    const startsAt = new Date('2026-12-09T09:00:00+08:00')
    expect(reminderTimes(startsAt, p).map((d) => d.toISOString())).toEqual(['2026-12-08T11:00:00.000Z', '2026-12-08T23:00:00.000Z'])
    expect(resolveActivityPolicy([district])).toMatchObject({ eveningBefore: 19, hoursBefore: 3, supervisorApproves: true })
  })
  it('sits beside the other slices in one block (points keep merging their multipliers by name)', () => {
    const district = patch({ activities: { eveningBefore: false }, points: { activities: { 巡逻: 2 } } }, policySlices)
    const grid = patch({ points: { activities: { 宣传: 1.5 }, perHour: 2 } }, policySlices)
    expect(resolveActivityPolicy([district, grid]).eveningBefore).toBe(false)
    expect(resolvePointsPolicy([district, grid])).toMatchObject({ perHour: 2, activities: { 巡逻: 2, 宣传: 1.5 } })
  })
})
