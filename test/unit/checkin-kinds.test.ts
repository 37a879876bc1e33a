// Check-in kinds per district (issue #23): the org file's list, its aliases, the defaults' codes kept, bad lists refused.
import { describe, expect, it } from 'vitest'
import { policyProblems, resolvePolicy } from '../../src/kernel/policy/policy.ts'
import { parseCheckinArgs } from '../../src/parser/checkin-args.ts'
import { kindLabel } from '../../src/kernel/texts/checkin-kinds.texts.ts'
import { checkinSummary } from '../../src/capabilities/digests/ledger-rows.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const liuyuan = resolvePolicy([
  {
    checkinKinds: [
      { name: '采集', aliases: ['采集员'] },
      { name: '推广', aliases: ['推广员', '平台推广'] },
      '调研',
      '走访',
      { name: '入户', aliases: ['入户走访'] },
    ],
  },
]).checkinKinds

describe('check-in kinds from the org file', () => {
  it('keep the defaults codes and aliases for default names, store their own under their name', () => {
    expect(liuyuan.map((k) => k.code)).toEqual(['collection', '推广', '调研', 'visit', '入户'])
    expect(liuyuan[0]!.aliases).toEqual(['信息采集', '采集员'])
    // 入户 is the district's own kind here: no longer an alias of 走访.
    expect(liuyuan[3]!.aliases).not.toContain('入户')
  })
  const rows: [string, string[], string, string | null][] = [
    ['a name', ['推广', '6户'], '推广', null],
    ['an alias', ['推广员', '教居民'], '推广', '教居民'],
    ['a default name it lists', ['走访', '独居老人'], 'visit', '独居老人'],
    ['glued to the note', ['调研老旧小区'], '调研', '老旧小区'],
    ['its own kind over the default alias', ['入户', '3号楼'], '入户', '3号楼'],
    ['a default kind it does not list stays in the note', ['宣传', '防诈骗'], 'collection', '宣传 防诈骗'],
    ['nothing named: the first kind', ['3号楼'], 'collection', '3号楼'],
  ]
  it.each(rows)('%s', (_, argv, code, note) => {
    const a = parseCheckinArgs(argv, liuyuan)
    expect(a.ok && !a.undo && [a.type, a.note]).toEqual([code, note])
  })
  it('read by name wherever shown', () => {
    expect(kindLabel('collection', liuyuan)).toBe('采集')
    expect(kindLabel('推广', liuyuan)).toBe('推广')
    expect(kindLabel('patrol')).toBe('巡查')
  })
  it('refuse duplicates, reserved words and empty lists (in Chinese)', () => {
    expect(policyProblems({ checkinKinds: ['巡查', { name: '走访', aliases: ['巡查'] }] }, policySlices).join()).toMatch(/重复/)
    expect(policyProblems({ checkinKinds: ['撤销'] }, policySlices).join()).toMatch(/不能作签到类型/)
    expect(policyProblems({ checkinKinds: ['5户'] }, policySlices).join()).toMatch(/不能作签到类型/)
    expect(policyProblems({ checkinKinds: [] }, policySlices).join()).toMatch(/至少/)
    expect(policyProblems({ checkinKinds: ['巡查', { name: '推广', aliases: ['推广员'] }] }, policySlices)).toEqual([])
  })
})

describe('the 台账 counts check-ins per unit and kind (签到汇总)', () => {
  const row = (unitName: string, type: string) => ({
    at: new Date(0),
    unitId: 1,
    unitName,
    memberName: '李佳鑫',
    type,
    households: null,
    note: null,
    address: null,
  })
  it('in the district order of kinds, then kinds it no longer lists, with totals', () => {
    const s = checkinSummary([row('5号网格', '推广'), row('5号网格', 'collection'), row('6号网格', '推广'), row('6号网格', 'patrol')], liuyuan)
    expect(s.headers).toEqual(['单位', '采集', '推广', '调研', '走访', '入户', '巡查', '合计'])
    expect(s.rows).toEqual([
      ['5号网格', 1, 1, 0, 0, 0, 0, 2],
      ['6号网格', 0, 1, 0, 0, 0, 1, 2],
      ['合计', 1, 2, 0, 0, 0, 1, 4],
    ])
  })
})
