// Who may act on an item of unit U, row by row: create-for, claim, reassign, hand back, cancel, complete (and the
// rest) for the assigner, the assignee, a cadre of the item's unit, a supervisor above, a sibling unit and a guest.
import { describe, expect, it } from 'vitest'
import { ITEM_AUTHORITY, may, mayHandTo, standingsOf, type ItemAction, type ItemParties, type Standing } from '../../src/kernel/org/item-authority.ts'
import type { Person } from '../../src/kernel/org/authority.ts'
import type { Role } from '../../src/kernel/org/org.types.ts'

// 二七区 /1/ → 人和路街道 /1/2/ → 华府社区 /1/2/3/ → 5号网格 /1/2/3/5/ (6号网格 /1/2/3/6/); 正商社区 /1/2/4/.
const grid5 = { id: 5, path: '/1/2/3/5/' }
const unitOf: Record<number, string> = { 1: '/1/', 2: '/1/2/', 3: '/1/2/3/', 4: '/1/2/4/', 5: '/1/2/3/5/', 6: '/1/2/3/6/' }
const person = (id: number, role: Role, unitId: number): Person => ({ id, role, unitId, unit: { path: unitOf[unitId]! } })

const wang = person(10, 'supervisor', 3) // 华府社区王书记: assigned the task
const li = person(11, 'grid_cadre', 5) // 李佳鑫: holds it
const other5 = person(12, 'grid_cadre', 5) // another cadre of the grid
const liu = person(13, 'supervisor', 2) // 街道刘书记
const chen = person(14, 'grid_cadre', 6) // 陈晓, the sibling grid
const wu = person(15, 'supervisor', 4) // 吴书记, the sibling community
const yang = person(16, 'volunteer', 5) // 小杨, a volunteer of the grid
const communityCadre = person(17, 'grid_cadre', 3) // a cadre of the community (not its 书记)

const held: ItemParties = { holderId: li.id, assignerId: wang.id }
const unheld: ItemParties = { holderId: null, assignerId: wang.id }

// [who, item, action, allowed]
const ROWS: [string, Person | null, ItemParties, ItemAction, boolean][] = [
  // create-for: the unit's cadres, cadres and supervisors above; never a sibling, a volunteer or a guest.
  ['unit cadre', li, unheld, 'create_for', true],
  ['community cadre', communityCadre, unheld, 'create_for', true],
  ['supervisor above', liu, unheld, 'create_for', true],
  ['sibling grid', chen, unheld, 'create_for', false],
  ['sibling community', wu, unheld, 'create_for', false],
  ['volunteer', yang, unheld, 'create_for', false],
  ['guest', null, unheld, 'create_for', false],
  // claim: the unit's cadres and supervisors above (not the assigner as such, not a sibling, not a guest).
  ['unit cadre', other5, unheld, 'claim', true],
  ['assigner', wang, unheld, 'claim', true],
  ['community cadre', communityCadre, unheld, 'claim', false],
  ['sibling grid', chen, unheld, 'claim', false],
  ['volunteer', yang, unheld, 'claim', false],
  ['guest', null, unheld, 'claim', false],
  // reassign: the assigner and supervisors above.
  ['assigner', communityCadre, { holderId: li.id, assignerId: communityCadre.id }, 'reassign', true],
  ['supervisor above', liu, held, 'reassign', true],
  ['assignee', li, held, 'reassign', false],
  ['unit cadre', other5, held, 'reassign', false],
  ['sibling community', wu, held, 'reassign', false],
  ['guest', null, held, 'reassign', false],
  // hand back: the assignee; while nobody holds it, a cadre of the unit it was given to.
  ['assignee', li, held, 'hand_back', true],
  ['unit cadre, unheld', other5, unheld, 'hand_back', true],
  ['assigner', wang, held, 'hand_back', false],
  ['sibling grid', chen, held, 'hand_back', false],
  ['guest', null, held, 'hand_back', false],
  // cancel: the assigner and supervisors above.
  ['assigner', communityCadre, { holderId: li.id, assignerId: communityCadre.id }, 'cancel', true],
  ['supervisor above', liu, held, 'cancel', true],
  ['assignee', li, held, 'cancel', false],
  ['sibling grid', chen, held, 'cancel', false],
  ['guest', null, held, 'cancel', false],
  // complete: the assignee and supervisors above.
  ['assignee', li, held, 'complete', true],
  ['supervisor above', wang, held, 'complete', true],
  ['unit cadre', other5, held, 'complete', false],
  ['community cadre', communityCadre, held, 'complete', false],
  ['sibling grid', chen, held, 'complete', false],
  ['guest', null, held, 'complete', false],
  // take up (领题, projects): cadres of the unit or below, supervisors above.
  ['cadre below', li, unheld, 'take_up', true],
  ['sibling grid', chen, unheld, 'take_up', true],
  ['sibling community', wu, unheld, 'take_up', false],
  // screen (待网格确认): the unit's cadres and supervisors above.
  ['unit cadre', other5, unheld, 'screen', true],
  ['volunteer', yang, unheld, 'screen', false],
  ['guest', null, unheld, 'screen', false],
]

describe('item authority table', () => {
  it.each(ROWS)('%s × %s → %s', (_, who, item, action, allowed) => {
    // take_up is about a project of the community (its grids are below it); every other row about the grid's item.
    const unit = action === 'take_up' ? { id: 3, path: '/1/2/3/' } : grid5
    expect(may(who, action, item, unit)).toBe(allowed)
  })

  it('names only standings that exist, and nobody acts as a sibling or a guest', () => {
    for (const who of Object.values(ITEM_AUTHORITY)) expect(who.some((s) => s === 'sibling' || s === 'guest')).toBe(false)
  })

  it.each([
    ['the holder, a cadre of the unit', li, ['assignee', 'unit_cadre']],
    ['the assigner, the community’s 书记', wang, ['assigner', 'cadre_above', 'supervisor_above']],
    ['a volunteer of the unit', yang, []],
    ['a cadre of the sibling grid', chen, ['sibling']],
    ['a guest', null, ['guest']],
  ] as const)('standings: %s', (_, who, want) => {
    expect([...standingsOf(who, held, grid5)].sort()).toEqual([...(want as readonly Standing[])].sort())
  })

  it('a volunteer claims only where the unit’s policy lets volunteers claim', () => {
    expect(may(yang, 'claim', unheld, grid5)).toBe(false)
    expect(may(yang, 'claim', unheld, grid5, true)).toBe(true)
  })

  it.each([
    [wang, grid5, true],
    [wang, { path: '/1/2/3/' }, true],
    [wang, { path: '/1/2/4/1/' }, false],
    [li, { path: '/1/2/3/6/' }, false],
  ] as const)('hands work only into the own subtree: %o → %o: %s', (who, target, want) => expect(mayHandTo(who, target)).toBe(want))
})

// Issue #26: 郑州市 /9/ above 二七区 /9/1/ (its grid /9/1/2/3/5/) and 惠济区 /9/7/ (its grid /9/7/8/11/).
describe('item authority with a city above the districts', () => {
  const cityPaths: Record<number, string> = { 9: '/9/', 1: '/9/1/', 5: '/9/1/2/3/5/', 7: '/9/7/', 11: '/9/7/8/11/' }
  const at = (id: number, role: Role, unitId: number): Person => ({ id, role, unitId, unit: { path: cityPaths[unitId]! } })
  const erqiGrid = { id: 5, path: cityPaths[5]! }
  const ma = at(30, 'supervisor', 9) // 团市委马书记
  const cityCadre = at(31, 'grid_cadre', 9) // a city office's cadre (no supervisor)
  const sun = at(32, 'supervisor', 1) // 二七区孙区长
  const he = at(33, 'supervisor', 7) // 惠济区何区长
  const holder = at(34, 'grid_cadre', 5)
  const task: ItemParties = { holderId: holder.id, assignerId: sun.id }

  it.each([
    ['city supervisor', ma, 'take_over', true],
    ['city supervisor', ma, 'reassign', true],
    ['city supervisor', ma, 'cancel', true],
    ['city supervisor', ma, 'create_for', true],
    ['city cadre', cityCadre, 'create_for', true],
    ['city cadre', cityCadre, 'take_over', false],
    ['district supervisor', sun, 'take_over', true],
    ['other district supervisor', he, 'take_over', false],
    ['other district supervisor', he, 'create_for', false],
    ['holder', holder, 'complete', true],
  ] as const)('%s: %s → %s', (_who, m, action, allowed) => expect(may(m, action, task, erqiGrid)).toBe(allowed))

  it('a city supervisor is "supervisor_above" and "cadre_above", never a sibling of the district', () => {
    expect([...standingsOf(ma, task, erqiGrid)].sort()).toEqual(['cadre_above', 'supervisor_above'])
    expect(standingsOf(he, task, erqiGrid).has('sibling')).toBe(true)
  })

  it('a city supervisor may hand work to any unit of its districts; a district supervisor not to another district', () => {
    expect(mayHandTo(ma, erqiGrid)).toBe(true)
    expect(mayHandTo(sun, { path: cityPaths[11]! })).toBe(false)
  })
})
