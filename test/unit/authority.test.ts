// The org's authority rules, one table: who stands at or above a unit, who supervises it, who may see its records.
import { describe, expect, it } from 'vitest'
import { isAtOrAbove, isSupervisorOver, maySee, type Person } from '../../src/kernel/org/authority.ts'
import type { Role } from '../../src/kernel/org/org.types.ts'

const district = { path: '/1/' }
const town = { path: '/1/2/' }
const grid = { path: '/1/2/5/' }
const otherTown = { path: '/1/3/' }
const person = (role: Role, unit: { path: string }): Person => ({ id: 1, role, unitId: 0, unit })

describe('authority', () => {
  it.each([
    [district, grid, true],
    [town, grid, true],
    [grid, grid, true],
    [grid, town, false],
    [otherTown, grid, false],
  ])('at or above: %o over %o → %s', (upper, unit, expected) => expect(isAtOrAbove(upper, unit)).toBe(expected))

  it.each([
    ['supervisor', town, grid, true],
    ['admin', district, grid, true],
    ['supervisor', grid, town, false],
    ['supervisor', otherTown, grid, false],
    ['grid_cadre', town, grid, false],
    ['volunteer', grid, grid, false],
  ] as const)('%s of %o supervises %o → %s', (role, own, unit, expected) => expect(isSupervisorOver(person(role, own), unit)).toBe(expected))

  it.each([
    ['grid_cadre', grid, grid, true],
    ['volunteer', town, grid, true],
    ['grid_cadre', grid, town, false],
  ] as const)('%s of %o sees records of %o → %s', (role, own, unit, expected) => expect(maySee(person(role, own), unit)).toBe(expected))
})
