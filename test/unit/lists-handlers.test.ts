// The subtree lists (#需求列表, #任务列表, #隐患列表, #项目列表) through the real dispatcher on PGlite: read at each level
// of the demo district (grid, community, town, district), narrowed by unit and state, paged at one phone screen with
// many items, and masked above the unit that owns a record — read as a 书记 reads them on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const GRID5 = 'room-华府社区5号网格群'
const GRID6 = 'room-华府社区6号网格群'
const ZSGRID = 'room-正商社区1号网格群'
const COMMUNITY = 'room-华府社区群'
const TOWN = 'room-人和路街道工作群'
const DISTRICT = 'room-二七区网格总群'
const PHONE = '13812345678'
const SCREEN = 800
let h: Harness

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-11-20T09:00:00+08:00'), 1000)
})
afterAll(() => h?.db.close())

const one = async (room: string, who: string, text: string) => {
  const said = await h.say(room, who, text)
  expect(said).toHaveLength(1)
  expect(said[0]!.length).toBeLessThanOrEqual(SCREEN)
  return said[0]!
}
const numbers = (text: string, letter: string) => [...text.matchAll(new RegExp(`(?<![A-Z])${letter}(\\d+) `, 'g'))].map((m) => Number(m[1]))

describe('lists of the subtree', () => {
  it('a community, its town and the district see the needs a grid just recorded, grouped by unit; masked above the grid', async () => {
    await h.say(GRID5, 'wxid_lijiaxin', `#需求 3号楼王奶奶家水管漏水,电话${PHONE}`)
    await h.say(GRID5, 'wxid_lijiaxin', '#需求 5号楼楼道灯坏了')
    const grid = await one(GRID5, 'wxid_lijiaxin', '#需求列表')
    expect(grid).toContain('华府社区5号网格 待办需求 2 条')
    expect(grid).toContain(PHONE)
    expect(grid).not.toContain('【')
    for (const [room, who, name] of [
      [COMMUNITY, 'wxid_wang', '华府社区'],
      [TOWN, 'wxid_liu', '人和路街道'],
      [DISTRICT, 'wxid_sun', '二七区'],
    ] as const) {
      const text = await one(room, who, '#需求列表')
      expect(text).toContain(`${name}及下级 待办需求 2 条`)
      expect(text).toContain('【华府社区5号网格】2 项')
      expect(text).toContain('N1 3号楼王奶奶家水管漏水')
      expect(text).toContain('N2 5号楼楼道灯坏了')
      expect(text).not.toContain(PHONE)
      expect(text).toContain('138****5678')
    }
    // A sibling grid's group does not see them.
    expect(await one(GRID6, 'wxid_chenxiao', '#需求列表')).toContain('华府社区6号网格 暂无待办需求')
  })

  it('a resident never reads the needs list', async () => {
    const said = await h.say(GRID5, 'wxid_zhang', '#需求列表')
    expect(said.join()).not.toContain('N1')
    expect(said.join()).not.toContain('王奶奶')
  })

  it('60 needs across grids: one screen a page, "…另有 N 项" with the next page, every need on exactly one page', async () => {
    const items = (grid: string, k: number) =>
      Array.from({ length: 20 }, (_, i) => `${i + 1}. ${grid}第${k * 20 + i + 1}户居民反映楼道照明需要维修更换灯泡`).join('\n')
    await h.say(GRID5, 'wxid_lijiaxin', `#需求\n${items('5号网格', 0)}`)
    await h.say(GRID6, 'wxid_chenxiao', `#需求\n${items('6号网格', 1)}`)
    await h.say(ZSGRID, 'wxid_zhoumin', `#需求\n${items('正商1号网格', 2)}`)
    const first = await one(DISTRICT, 'wxid_sun', '#需求列表')
    expect(first).toContain('二七区及下级 待办需求 62 条(第1/')
    expect(first).toMatch(/…另有 \d+ 项,下一页:#需求列表 第2页/)
    expect(first).toContain('只看一个单位:#需求列表 华府社区5号网格')
    const seen: number[] = []
    let page = 1
    let text = first
    for (;;) {
      seen.push(...numbers(text, 'N'))
      if (!text.includes('下一页')) break
      page++
      text = await one(DISTRICT, 'wxid_sun', `#需求列表 第${page}页`)
      expect(text).toContain(`(第${page}/`)
    }
    expect(page).toBeGreaterThan(2)
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 62 }, (_, i) => i + 1))
    // A page past the end says how many there are.
    expect(await one(DISTRICT, 'wxid_sun', `#需求列表 第${page + 1}页`)).toContain(`共 ${page} 页`)
  })

  it('narrowed to a unit by its name or the tail of it; an unknown or ambiguous name is refused with an example', async () => {
    const six = await one(DISTRICT, 'wxid_sun', '#需求列表 华府社区6号网格')
    expect(six).toContain('华府社区6号网格 待办需求 20 条')
    expect(six).not.toContain('【') // narrowed to one unit: the head names it
    expect(numbers(six, 'N').every((n) => n >= 23 && n <= 42)).toBe(true)
    expect(await one(COMMUNITY, 'wxid_wang', '#需求列表 6号网格')).toContain('华府社区6号网格 待办需求 20 条')
    const community = await one(TOWN, 'wxid_liu', '#需求列表 华府社区')
    expect(community).toContain('华府社区及下级 待办需求 42 条')
    expect(community).not.toContain('正商')
    expect(community).toContain('下一页:#需求列表 华府社区 第2页')
    expect(await one(COMMUNITY, 'wxid_wang', '#需求列表 正商社区1号网格')).toContain('华府社区及下级没有叫「正商社区1号网格」的单位')
    expect(await one(TOWN, 'wxid_liu', '#需求列表 网格')).toContain('对应多个单位')
    expect(await one(GRID5, 'wxid_lijiaxin', '#需求列表 我的')).toContain('华府社区5号网格 您记录的 待办需求 22 条')
  })

  it('tasks: overdue and urgent first, narrowed by 逾期 / 未认领 / 我的, each a screen', async () => {
    await h.say(GRID5, 'wxid_lijiaxin', '#任务 修补井盖 截止 今天12点')
    await h.say(GRID6, 'wxid_chenxiao', '#任务 清理楼道杂物')
    await h.say(GRID6, 'wxid_chenxiao', '#任务 更换路灯 紧急')
    await h.say(GRID6, 'wxid_chenxiao', '#认领 T3')
    h.clock.advance(4 * 3_600_000) // 13:00: T1 is overdue
    const all = await one(COMMUNITY, 'wxid_wang', '#任务列表')
    expect(all).toContain('华府社区及下级 未完成任务 3 项')
    expect(all.indexOf('【华府社区5号网格】1 项')).toBeLessThan(all.indexOf('【华府社区6号网格】2 项'))
    expect(all.indexOf('T3')).toBeLessThan(all.indexOf('T2'))
    const overdue = await one(DISTRICT, 'wxid_sun', '#任务列表 逾期')
    expect(overdue).toContain('二七区及下级 逾期 未完成任务 1 项')
    expect(overdue).toContain('T1 修补井盖')
    expect(overdue).toContain('已逾期')
    const unclaimed = await one(COMMUNITY, 'wxid_wang', '#任务列表 未认领')
    expect(numbers(unclaimed, 'T').sort()).toEqual([1, 2])
    expect(numbers(await one(GRID6, 'wxid_chenxiao', '#任务列表 我的'), 'T')).toEqual([3])
    expect(await one(COMMUNITY, 'wxid_wang', '#任务列表 正商社区')).toContain('没有叫「正商社区」的单位')
    expect(await one(TOWN, 'wxid_liu', '#任务列表 正商社区')).toContain('正商社区及下级 暂无未完成任务')
    // "全部" is still understood, and now the same as nothing.
    expect(await one(COMMUNITY, 'wxid_wang', '#任务列表 全部')).toBe(all)
  })

  it('hazards and projects use the same grouped, paged list', async () => {
    await h.say(GRID5, 'wxid_lijiaxin', `#隐患 消防 3号楼楼道堆放杂物 联系${PHONE}`)
    await h.say(GRID6, 'wxid_chenxiao', '#隐患 环境 垃圾桶满了')
    const hazards = await one(COMMUNITY, 'wxid_wang', '#隐患列表')
    expect(hazards).toContain('华府社区及下级未关闭的隐患 2 条')
    expect(hazards).toContain('【华府社区5号网格】1 项')
    expect(hazards).toContain('【华府社区6号网格】1 项')
    expect(hazards).not.toContain(PHONE)
    expect(await one(GRID5, 'wxid_lijiaxin', '#隐患列表')).toContain(PHONE)
    expect(await one(TOWN, 'wxid_liu', '#隐患列表 6号网格')).toContain('华府社区6号网格未关闭的隐患 1 条')
    await h.say(GRID5, 'wxid_lijiaxin', '#项目 楼道安全 N1 T1')
    const projects = await one(TOWN, 'wxid_liu', '#项目列表')
    expect(projects).toContain('人和路街道及下级 领题攻坚项目:进行中/待领题 1 个,已完成 0 个')
    expect(projects).toContain('【华府社区5号网格】1 项\n  P1 楼道安全')
    expect(await one(TOWN, 'wxid_liu', '#项目列表 已完成')).toContain('暂无项目')
    expect(await one(TOWN, 'wxid_liu', '#项目 列表 待领题')).toContain('P1 楼道安全')
    expect(await one(TOWN, 'wxid_liu', '#隐患 列表 紧急')).toContain('人和路街道及下级暂无紧急的未关闭的隐患')
  })
})
