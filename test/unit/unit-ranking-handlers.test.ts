// Units compared district-wide (#排行 [本月|本季|本年] 网格|社区|街道 in a group above that level) through the real
// dispatcher on PGlite: a small grid (one cadre) against a large one (ten), the asker's own unit marked, and a
// generated district of 120 grids paged one phone screen at a time. Units only: never people by evaluation score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { generateDistrict } from '../../src/config/org-generate.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const START = new Date('2026-11-20T09:00:00+08:00')
const SCREEN = 800

const one = async (h: Harness, room: string, who: string, text: string) => {
  const said = await h.say(room, who, text)
  expect(said).toHaveLength(1)
  expect(said[0]!.length).toBeLessThanOrEqual(SCREEN)
  return said[0]!
}

describe('a small grid and a large one', () => {
  let h: Harness
  const LARGE = Array.from({ length: 10 }, (_, i) => ({ name: `六网格员${i + 1}`, wxid: `wxid_six${i + 1}` }))
  beforeAll(async () => {
    const spec = await loadOrgFile(DEMO_ORG)
    for (const p of LARGE.slice(1))
      spec.members.push({
        ...p,
        unit: '华府社区6号网格',
        role: 'grid_cadre',
        rooms: ['华府社区6号网格群'],
        teams: [],
        duties: [],
      } as (typeof spec.members)[number])
    h = await harness(spec, START, 1000)
  })
  afterAll(() => h?.db.close())

  it('ranks the grids by points per cadre: three check-ins by one cadre beat nine by nine cadres', async () => {
    for (let i = 0; i < 3; i++) await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', `#签到 巡查 ${i + 1}号楼`)
    for (const p of LARGE.slice(1)) await h.say('room-华府社区6号网格群', p.wxid, '#签到 巡查')
    await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', '#任务 修补井盖')
    await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', '#认领 T1')
    await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', '#完成 T1 已修好')
    const text = await one(h, 'room-二七区网格总群', 'wxid_sun', '#排行 本月 网格')
    expect(text).not.toContain('不在任何网格之下')
    expect(text).toContain('🏆 二七区 2026年11月 网格排行(3 个')
    const lines = text.split('\n')
    const five = lines.findIndex((l) => l.includes('华府社区5号网格'))
    const six = lines.findIndex((l) => l.includes('华府社区6号网格'))
    expect(lines[five]).toMatch(/^1\. 华府社区5号网格 [\d.]+ · 3 · 1 · 0 · 0 · —$/)
    expect(lines[six]).toMatch(/^2\. 华府社区6号网格 [\d.]+ · 9 · 0 · 0 · 0 · —$/)
    expect(text).toContain('3. 正商社区1号网格 0 · 0 · 0 · 0 · 0 · —')
    // No person is named.
    expect(text).not.toContain('李佳鑫')
  })

  it('marks the asker’s own unit; towns and communities are ranked the same way; in the unit’s own group it is the old ranking', async () => {
    const communities = await one(h, 'room-人和路街道工作群', 'wxid_wang', '#排行 本月 社区')
    expect(communities).toContain('人和路街道 2026年11月 社区排行(2 个')
    expect(communities).toMatch(/1\. 华府社区\(本单位\)/)
    const towns = await one(h, 'room-二七区网格总群', 'wxid_liu', '#排行 本季 街道')
    expect(towns).toContain('2026年第4季度 街道排行(1 个')
    expect(towns).toContain('1. 人和路街道(本单位)')
    // In a grid's group "网格" is still that grid's own ranking (people and points), as before.
    expect(await one(h, 'room-华府社区5号网格群', 'wxid_lijiaxin', '#排行 网格')).toContain('华府社区5号网格')
  })
})

describe('#评价 汇总: counts of grades per unit', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(await loadOrgFile(DEMO_ORG), START, 1000)
  })
  afterAll(() => h?.db.close())

  it('counts each unit’s grades for the period (the latest grade in force), with those not graded; never names anyone', async () => {
    await h.say('room-华府社区群', 'wxid_wang', '#评定 李佳鑫 良好 本季')
    await h.say('room-华府社区群', 'wxid_wang', '#评定 李佳鑫 优秀 本季') // replaces 良好
    await h.say('room-华府社区群', 'wxid_wang', '#评定 陈晓 合格 本季')
    await h.say('room-人和路街道工作群', 'wxid_liu', '#评定 吴书记 不合格 本季')
    const town = await one(h, 'room-人和路街道工作群', 'wxid_liu', '#评价 汇总 本季')
    expect(town).toBe(
      [
        '📋 人和路街道 2026年第4季度 评定等次汇总',
        '合计:优秀 1 · 良好 0 · 合格 1 · 不合格 1 · 未评 3',
        '本级:优秀 0 · 良好 0 · 合格 0 · 不合格 0 · 未评 1',
        '华府社区:优秀 1 · 良好 0 · 合格 1 · 不合格 0 · 未评 1',
        '正商社区:优秀 0 · 良好 0 · 合格 0 · 不合格 1 · 未评 1',
      ].join('\n'),
    )
    const district = await one(h, 'room-二七区网格总群', 'wxid_sun', '#评价 汇总 本季')
    expect(district).toContain('人和路街道:优秀 1 · 良好 0 · 合格 1 · 不合格 1 · 未评 3')
    // This month nothing was graded (the grades above are the quarter's).
    expect(await one(h, 'room-华府社区群', 'wxid_wang', '#评价 汇总')).toContain('合计:优秀 0 · 良好 0 · 合格 0 · 不合格 0 · 未评 3')
    // Not in a grid's group, and not for a cadre who leads no unit.
    expect(await one(h, 'room-华府社区5号网格群', 'wxid_wang', '#评价 汇总 本季')).toContain('不在网格群公布')
    expect(await one(h, 'room-华府社区群', 'wxid_lijiaxin', '#评价 汇总 本季')).not.toContain('优秀 1')
  })
})

describe('a district of 120 grids', () => {
  let h: Harness
  beforeAll(async () => {
    const spec = generateDistrict({ district: '示范区', towns: 3, communities: 12, grids: 120 })
    // A grid cadre who is also in the district's group.
    spec.members.find((m) => m.wxid === 'wxid_g00100')!.rooms.push('示范区群')
    h = await harness(spec, START, 1000)
  })
  afterAll(() => h?.db.close())

  it('pages the grids one screen at a time; the asker’s unit is named on every page', async () => {
    await h.say('room-7号社区3号网格群', 'wxid_g00063', '#签到 巡查')
    const first = await one(h, 'room-示范区群', 'wxid_s00001', '#排行 本月 网格')
    expect(first).toMatch(/网格排行\(120 个,按网格员人均积分\)\(第1\/\d+页\)/)
    expect(first).toContain('1. 7号社区3号网格')
    expect(first).toContain('下一页:#排行 本月 网格 第2页')
    const second = await one(h, 'room-示范区群', 'wxid_s00001', '#排行 本月 网格 第2页')
    expect(second).toContain('(第2/')
    expect(second).not.toContain('1. 7号社区3号网格')
    // A grid cadre reading the district's ranking sees where their own grid stands.
    const own = await one(h, 'room-示范区群', 'wxid_g00100', '#排行 本月 网格')
    expect(own).toMatch(/\n本单位 10号社区10号网格:第 2 名\(共 120 个\)$/)
    expect(own).not.toContain('(本单位)')
  })
})
