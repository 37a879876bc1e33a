// The summary and status planners of issue #23 (pure): per direct child unit, unacknowledged first; the base's own
// groups; paging of the unacknowledged groups; lines cut to fit ~800 characters; one summary per parent.
import { describe, expect, it } from 'vitest'
import { byParent, childOf, fitLines, isDown, tallyByChild, totals, unacknowledgedPage, type TallyRow } from '../../src/capabilities/notices/notice-tally.ts'

let id = 0
const row = (unitPath: string, status: TallyRow['status'], waiting = false): TallyRow => ({
  roomId: ++id,
  topic: `群${id}`,
  unitId: Number(unitPath.split('/').at(-2)),
  unitPath,
  status,
  waiting,
})

// District 1; towns 2 and 3; communities 20 (town 2) and 30 (town 3); grids below.
const rows: TallyRow[] = [
  row('/1/', 'acknowledged'), // the district's own second group
  row('/1/2/', 'acknowledged'),
  row('/1/2/20/', 'sent'),
  row('/1/2/20/201/', 'acknowledged'),
  row('/1/2/20/202/', 'failed'),
  row('/1/3/', 'acknowledged'),
  row('/1/3/30/', 'acknowledged'),
  row('/1/3/30/301/', 'queued', true),
]

describe('tally per direct child', () => {
  it('the child a unit is under, or null for the base itself', () => {
    expect(childOf('/1/2/20/201/', '/1/')).toBe(2)
    expect(childOf('/1/2/20/201/', '/1/2/')).toBe(20)
    expect(childOf('/1/2/', '/1/2/')).toBeNull()
  })
  it('from the district: one line per town, unacknowledged first, the district’s own groups apart', () => {
    const t = tallyByChild(rows, '/1/')
    expect(t.map((c) => c.unitId)).toEqual([2, 3, null])
    expect(t[0]).toMatchObject({ rooms: 4, acknowledged: 2, sent: 1, failed: 1, waiting: 0 })
    expect(t[1]).toMatchObject({ rooms: 3, acknowledged: 2, queued: 1, waiting: 1 })
    expect(t[2]).toMatchObject({ rooms: 1, acknowledged: 1 })
  })
  it('drilled into a town: its communities, and nothing of the other town', () => {
    const t = tallyByChild(rows, '/1/2/')
    expect(t.map((c) => [c.unitId, c.rooms])).toEqual([
      [20, 3],
      [null, 1],
    ])
  })
  it('totals', () => {
    expect(totals(rows)).toEqual({ rooms: 8, acknowledged: 5, sent: 1, queued: 1, failed: 1, waiting: 1 })
  })
})

describe('the unacknowledged groups, paged', () => {
  const many = Array.from({ length: 45 }, (_, i) => row(`/1/2/${100 + i}/`, i % 10 === 0 ? 'acknowledged' : 'sent'))
  it('waiting and failed first; pages of the given size; a page past the end is the last', () => {
    const p = unacknowledgedPage([...rows], 1, 2)
    expect(p.rows.map((r) => r.status)).toEqual(['queued', 'failed'])
    expect(p).toMatchObject({ page: 1, pages: 2, total: 3 })
    const q = unacknowledgedPage(many, 2, 20)
    expect(q).toMatchObject({ page: 2, pages: 2, total: 40 })
    expect(q.rows.length).toBe(20)
    expect(unacknowledgedPage(many, 9, 20).page).toBe(2)
    expect(unacknowledgedPage([], 1, 20)).toMatchObject({ total: 0, pages: 1 })
  })
})

describe('lines cut to fit', () => {
  it('keeps the head, adds lines while they fit, then counts the rest', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `第${i}个单位:确认 10/12,未确认 2`)
    const out = fitLines(['头'], lines, 800, (n) => `…另有 ${n} 项未列出`)
    expect(out.join('\n').length).toBeLessThanOrEqual(800)
    expect(out.at(-1)).toMatch(/^…另有 \d+ 项未列出$/)
    const shown = out.length - 2
    expect(out.at(-1)).toBe(`…另有 ${100 - shown} 项未列出`)
    expect(fitLines(['头'], ['a', 'b'], 800, () => 'more')).toEqual(['头', 'a', 'b'])
  })
})

describe('one summary per parent', () => {
  it('unacknowledged units grouped by their parent, each named once; the top of the tree has none', () => {
    const m = byParent([
      { unitName: '5号网格', parentId: 20 },
      { unitName: '6号网格', parentId: 20 },
      { unitName: '5号网格', parentId: 20 },
      { unitName: '华府社区', parentId: 2 },
      { unitName: '二七区', parentId: null },
    ])
    expect([...m]).toEqual([
      [20, ['5号网格', '6号网格']],
      [2, ['华府社区']],
    ])
  })
  it('down accounts', () => {
    expect(['logged_out', 'disconnected', 'failed_auth', 'stopped'].every(isDown)).toBe(true)
    expect([null, 'logged_in', 'starting', 'waiting_scan'].some(isDown)).toBe(false)
  })
})
