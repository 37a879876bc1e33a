// Issue #26: in a city's group a command naming a district's record names the district (`#任务 二七区 T1`); the
// name is taken out of the arguments, and a record id with no district is refused with that example.
import { describe, expect, it } from 'vitest'
import { recordDistrict, refAsTyped, resolveCityRef } from '../../src/kernel/org/city-refs.ts'

const districts = [
  { id: 3, name: '二七区' },
  { id: 8, name: '惠济区' },
]

describe('a record named in a city group', () => {
  it.each([
    ['任务', ['二七区', 'T1'], 3, ['T1']],
    ['完成', ['惠济区', 't3', '已处理'], 8, ['t3', '已处理']],
    ['任务', ['T1', '二七区'], null, null], // the district after the id: refused below
    ['进展', ['「二七区」', 'T2', '已联系'], 3, ['T2', '已联系']],
    ['隐患', ['惠济区', 'H4'], 8, ['H4']],
  ] as const)('#%s %j', (word, argv, district, rest) => {
    const r = resolveCityRef(word, [...argv], districts)
    if (district === null) return expect(r.kind).toBe('refuse')
    const districtName = districts.find((d) => d.id === district)!.name
    expect(r).toEqual({ kind: 'named', districtId: district, districtName, argv: rest, args: rest.join(' ') })
  })

  it('refuses an id without its district, with an example naming the first district in place', () => {
    expect(resolveCityRef('完成', ['T1', '已处理'], districts)).toEqual({ kind: 'refuse', ref: 'T1', example: '#完成 二七区 T1 已处理' })
    expect(resolveCityRef('任务', ['t12。'], districts)).toMatchObject({ ref: 'T12', example: '#任务 二七区 T12' })
  })

  it("leaves the city's own commands alone: notices, activities, rankings, digests", () => {
    for (const argv of [['状态', 'B1'], ['A2'], ['本月', '区'], []]) expect(resolveCityRef('通知', argv, districts)).toEqual({ kind: 'city' })
  })

  it("keeps a district's name when no record follows: it names a unit (#评价 本月 二七区)", () => {
    expect(resolveCityRef('评价', ['本月', '二七区'], districts)).toEqual({ kind: 'city' })
  })

  it('types a record again as the group must: with the district in a city group', () => {
    expect(refAsTyped({ namedDistrictName: '二七区' }, 'T1')).toBe('二七区 T1')
    expect(refAsTyped({}, 'T1')).toBe('T1')
  })

  it('reads ids in the named district, else in the unit’s own', () => {
    expect(recordDistrict({ namedDistrict: 8 }, { id: 1, districtId: 1 })).toBe(8)
    expect(recordDistrict({}, { id: 5, districtId: 3 })).toBe(3)
  })
})
