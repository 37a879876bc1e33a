// The one renderer of subtree lists and the words that narrow them: pure, no database.
import { describe, expect, it } from 'vitest'
import { findUnitIn, listScope } from '../../src/kernel/lists/narrow.ts'
import { groupByUnit, renderSubtreeList } from '../../src/kernel/lists/subtree-list.ts'
import { parseListArgs, TASK_STATE_WORDS } from '../../src/parser/list-args.ts'
import { rankLines } from '../../src/capabilities/points/unit-ranking.service.ts'

const units = [
  { id: 1, name: '华府社区', path: '/1/' },
  { id: 2, name: '华府社区5号网格', path: '/1/2/' },
  { id: 3, name: '华府社区6号网格', path: '/1/3/' },
]
const names = new Map(units.map((u) => [u.id, u.name]))
const entry = (unitId: number, i: number) => ({ unitId, line: `N${i} 第${i}户居民反映楼道照明需要维修更换灯泡(11月20日 09:00)` })

describe('renderSubtreeList', () => {
  it('groups by unit in the order of each unit’s most urgent line', () => {
    expect(groupByUnit([entry(3, 1), entry(2, 2), entry(3, 3)]).map((e) => e.line.split(' ')[0])).toEqual(['N1', 'N3', 'N2'])
  })

  it('one unit read in its own group: no unit headers, no pages', () => {
    const text = renderSubtreeList({ head: 'H', entries: [entry(1, 1)], total: 1, unitNames: names, roomUnitId: 1, page: 1, command: '#需求列表', words: [] })
    expect(text).toBe('H\nN1 第1户居民反映楼道照明需要维修更换灯泡(11月20日 09:00)')
  })

  it('every page fits the budget, each entry is on exactly one page, and the footer names the next page with the words typed', () => {
    const entries = Array.from({ length: 200 }, (_, i) => entry(2 + (i % 2), i + 1))
    const seen: string[] = []
    for (let page = 1; ; page++) {
      const text = renderSubtreeList({
        head: '华府社区及下级 待办需求 200 条',
        entries,
        total: 200,
        unitNames: names,
        roomUnitId: 1,
        page,
        command: '#需求列表',
        words: ['我的'],
      })
      expect(text.length).toBeLessThanOrEqual(800)
      seen.push(...[...text.matchAll(/ (N\d+) /g)].map((m) => m[1]!))
      if (!text.includes('下一页')) break
      expect(text).toContain(`下一页:#需求列表 我的 第${page + 1}页`)
    }
    expect(new Set(seen).size).toBe(200)
    expect(seen).toHaveLength(200)
  })

  it('a page past the end is refused with how many there are', () => {
    expect(() =>
      renderSubtreeList({ head: 'H', entries: [entry(2, 1)], total: 1, unitNames: names, roomUnitId: 1, page: 3, command: '#任务列表', words: [] }),
    ).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('没有第3页(共 1 页)') }))
  })

  it('clips a very long line so a page always holds one', () => {
    const text = renderSubtreeList({
      head: 'H',
      entries: [{ unitId: 2, line: '长'.repeat(2000) }],
      total: 1,
      unitNames: names,
      roomUnitId: 1,
      page: 1,
      command: '#隐患列表',
      words: [],
    })
    expect(text.length).toBeLessThan(200)
  })
})

describe('narrowing', () => {
  it('reads page, states and the unit from the words typed', () => {
    expect(parseListArgs(['华府社区5号网格', '逾期', '第2页'], TASK_STATE_WORDS)).toEqual({
      page: 2,
      states: ['overdue'],
      unit: '华府社区5号网格',
      words: ['华府社区5号网格', '逾期'],
    })
    expect(parseListArgs(['全部'], TASK_STATE_WORDS)).toEqual({ page: 1, states: [], unit: null, words: [] })
    expect(parseListArgs(['p3', '我的。'], TASK_STATE_WORDS)).toMatchObject({ page: 3, states: ['mine'] })
  })

  it('finds a unit by its name or its tail; refuses an unknown or ambiguous one', () => {
    const ctx = { scopeName: '华府社区', example: '#需求列表 华府社区5号网格' }
    expect(findUnitIn(units, '5号网格', ctx).id).toBe(2)
    expect(findUnitIn(units, '华府社区', ctx).id).toBe(1)
    expect(() => findUnitIn(units, '网格', ctx)).toThrow(expect.objectContaining({ code: 'LIST_UNIT_AMBIGUOUS' }))
    expect(() => findUnitIn(units, '正商', ctx)).toThrow(expect.objectContaining({ code: 'LIST_UNIT_UNKNOWN' }))
    expect(listScope(units, '6号网格', '#需求列表')).toMatchObject({ unitIds: [3], below: false })
    expect(listScope(units, null, '#需求列表')).toMatchObject({ unitIds: [1, 2, 3], below: true })
  })
})

describe('rankLines', () => {
  const line = (name: string, cadres: number, centi: number, checkins = 0) => ({
    rank: 0,
    name,
    own: false,
    cadres,
    centi,
    checkins,
    tasks: 0,
    hazards: 0,
    needs: 0,
    sent: 0,
    acked: 0,
  })
  it('points per cadre first (a small grid is not punished for being small), equal scores share a rank, units without cadres last', () => {
    const r = rankLines([line('大网格', 10, 5000), line('小网格', 1, 1000), line('空网格', 0, 0), line('乙', 2, 1000), line('甲', 2, 1000)])
    expect(r.map((x) => `${x.rank}.${x.name}`)).toEqual(['1.小网格', '2.大网格', '2.甲', '2.乙', '5.空网格'])
  })
})
