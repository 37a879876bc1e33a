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

// Issue #26: a city (团市委) above its districts. Its districts' units' paths start with the city's path, so the city's
// supervisors and admins stand above every unit of its districts; districts gain nothing over each other or the city.
describe('authority with a city above the districts', () => {
  const city = { path: '/9/' }
  const erqi = { path: '/9/1/' }
  const erqiGrid = { path: '/9/1/2/5/' }
  const huiji = { path: '/9/7/' }
  const huijiGrid = { path: '/9/7/8/11/' }
  const otherCity = { path: '/20/' }

  it.each([
    ['supervisor', city, erqi, true],
    ['supervisor', city, erqiGrid, true],
    ['admin', city, huijiGrid, true],
    ['supervisor', erqi, erqiGrid, true],
    ['supervisor', erqi, huijiGrid, false],
    ['supervisor', erqi, city, false],
    ['supervisor', huiji, erqi, false],
    ['supervisor', otherCity, erqiGrid, false],
    ['grid_cadre', city, erqiGrid, false],
    ['volunteer', city, erqiGrid, false],
  ] as const)('%s of %o supervises %o → %s', (role, own, unit, expected) => expect(isSupervisorOver(person(role, own), unit)).toBe(expected))

  it.each([
    ['supervisor', city, huijiGrid, true],
    ['grid_cadre', erqiGrid, city, false],
    ['supervisor', huiji, erqiGrid, false],
  ] as const)('%s of %o sees records of %o → %s', (role, own, unit, expected) => expect(maySee(person(role, own), unit)).toBe(expected))
})
