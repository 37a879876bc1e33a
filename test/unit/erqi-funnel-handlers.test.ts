// The 二七 funnel (issue #22: 530 needs → 290 tasks → 86 projects) re-run with the work handed down from the
// communities, every step typed as the cadres type it, through the real dispatcher on PGlite: the grids record their
// needs as pasted lists; the 书记 turn most of them into tasks for the grid cadre (`#任务 转 N… @李佳鑫`), the grids
// turn some themselves and add their own; one task is handed back (#退回) to its community; the projects are handed
// down with `#项目 … @单位`. `#清单` at every level counts each need, task and project once, in the unit that owns it
// now (a task handed down is the grid's, one handed back the community's), and the levels add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const GRID5 = 'room-华府社区5号网格群'
const GRID6 = 'room-华府社区6号网格群'
const ZSGRID = 'room-正商社区1号网格群'
const HUAFU = 'room-华府社区群'
const ZS = 'room-正商社区群'
const TOWN = 'room-人和路街道工作群'
const DISTRICT = 'room-二七区网格总群'
let h: Harness

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/** A cadre pastes their patrol's needs, 20 a message (the most one message takes). */
async function pasteNeeds(room: string, wxid: string, count: number, what: string) {
  for (let i = 0; i < count; i += 20) {
    const items = range(i + 1, Math.min(count, i + 20)).map((k) => `${what}第${k}户反映的问题`)
    const said = await h.say(room, wxid, `#需求\n${items.join('\n')}`)
    expect(said[0]).toContain('已记录需求')
  }
}

async function say(room: string, wxid: string, text: string, expected: string) {
  const said = await h.say(room, wxid, text)
  expect(said.join('\n'), text).toContain(expected)
}

/** Who asks in each group: one of its own cadres or supervisors. */
const ASKER: Record<string, string> = {
  [GRID5]: 'wxid_lijiaxin',
  [GRID6]: 'wxid_chenxiao',
  [ZSGRID]: 'wxid_zhoumin',
  [HUAFU]: 'wxid_wang',
  [ZS]: 'wxid_wu',
  [TOWN]: 'wxid_liu',
  [DISTRICT]: 'wxid_liu',
}

/** `#清单`'s numbers in a group: needs, met, converted; tasks, done, from needs; projects. */
async function funnel(room: string) {
  const [text] = await h.say(room, ASKER[room]!, '#清单')
  const m = /需求 (\d+) 条\(已解决 (\d+),转为任务 (\d+)\)\n→ 任务 (\d+) 项\(已完成 (\d+),来自需求 (\d+)\)\n→ 项目 (\d+) 个/.exec(text ?? '')
  expect(m, text).not.toBeNull()
  const [needs = 0, met = 0, converted = 0, tasks = 0, done = 0, fromNeeds = 0, projects = 0] = (m ?? []).slice(1).map(Number)
  return { needs, met, converted, tasks, done, fromNeeds, projects }
}

beforeAll(async () => {
  // One cadre types hundreds of commands here: the per-person rate limit is not what this is about.
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-11-02T09:00:00+08:00'), 0)
  // 530 needs: 5号网格 N1–N250, 6号网格 N251–N430, 正商社区1号网格 N431–N530.
  await pasteNeeds(GRID5, 'wxid_lijiaxin', 250, '5号网格')
  await pasteNeeds(GRID6, 'wxid_chenxiao', 180, '6号网格')
  await pasteNeeds(ZSGRID, 'wxid_zhoumin', 100, '正商1号网格')
  // 200 handed down by the 书记 to the grid cadre named; 60 turned into tasks by the grids themselves.
  for (const k of range(1, 100)) await say(HUAFU, 'wxid_wang', `#任务 转 N${k} @李佳鑫`, '派给华府社区5号网格')
  for (const k of range(251, 300)) await say(HUAFU, 'wxid_wang', `#任务 转 N${k} @陈晓`, '派给华府社区6号网格')
  for (const k of range(431, 480)) await say(ZS, 'wxid_wu', `#任务 转 N${k} @周敏`, '派给正商社区1号网格')
  for (const k of range(101, 130)) await say(GRID5, 'wxid_lijiaxin', `#任务 转 N${k}`, '已创建任务')
  for (const k of range(301, 320)) await say(GRID6, 'wxid_chenxiao', `#任务 转 N${k}`, '已创建任务')
  for (const k of range(481, 490)) await say(ZSGRID, 'wxid_zhoumin', `#任务 转 N${k}`, '已创建任务')
  // 30 tasks of the grids' own (pasted lists): 290 in all.
  await say(
    GRID5,
    'wxid_lijiaxin',
    `#任务\n${range(1, 20)
      .map((k) => `巡查第${k}栋楼道`)
      .join('\n')}`,
    '已创建任务',
  )
  await say(
    ZSGRID,
    'wxid_zhoumin',
    `#任务\n${range(1, 10)
      .map((k) => `走访第${k}户独居老人`)
      .join('\n')}`,
    '已创建任务',
  )
  // Work done: 李佳鑫 claims and completes ten of the tasks handed down to her (T1–T10, from N1–N10); five needs met
  // without a task. 陈晓 hands one back (T101, from N251): it is 华府社区's again.
  for (const t of range(1, 10)) {
    await say(GRID5, 'wxid_lijiaxin', `#认领 T${t}`, `已认领 T${t}`)
    await say(GRID5, 'wxid_lijiaxin', `#完成 T${t} 已办好`, `T${t}`)
  }
  for (const k of range(131, 135)) await say(GRID5, 'wxid_lijiaxin', `#关闭 N${k} 已当面解决`, `已关闭需求 N${k}`)
  await say(GRID6, 'wxid_chenxiao', '#退回 T101 需要物业维修基金,网格办不了', '退回华府社区')
  // 86 projects handed down: 50 to 5号网格, 20 to 正商社区1号网格, 16 kept by 华府社区.
  for (const k of range(1, 50)) await say(HUAFU, 'wxid_wang', `#项目 领题攻坚第${k}项 @华府社区5号网格`, '已创建领题攻坚项目')
  for (const k of range(1, 20)) await say(ZS, 'wxid_wu', `#项目 正商攻坚第${k}项 @正商社区1号网格`, '已创建领题攻坚项目')
  for (const k of range(1, 16)) await say(HUAFU, 'wxid_wang', `#项目 社区攻坚第${k}项`, '已创建领题攻坚项目')
})
afterAll(() => h?.db.close())

describe('the 二七 funnel with work handed down', () => {
  it('530 → 290 → 86 at the district and the street', async () => {
    const all = { needs: 530, met: 15, converted: 260, tasks: 290, done: 10, fromNeeds: 260, projects: 86 }
    expect(await funnel(DISTRICT)).toEqual(all)
    expect(await funnel(TOWN)).toEqual(all)
  })

  it('each community counts what its grids recorded and what it handed down, once', async () => {
    expect(await funnel(HUAFU)).toEqual({ needs: 430, met: 15, converted: 200, tasks: 220, done: 10, fromNeeds: 200, projects: 66 })
    expect(await funnel(ZS)).toEqual({ needs: 100, met: 0, converted: 60, tasks: 70, done: 0, fromNeeds: 60, projects: 20 })
  })

  it('each grid counts the tasks and projects handed down to it as its own; the task handed back is no longer the grid’s', async () => {
    expect(await funnel(GRID5)).toEqual({ needs: 250, met: 15, converted: 130, tasks: 150, done: 10, fromNeeds: 130, projects: 50 })
    // 6号网格: its 180 needs, 70 turned into tasks (one of which went back up), 69 tasks still its own.
    expect(await funnel(GRID6)).toEqual({ needs: 180, met: 0, converted: 70, tasks: 69, done: 0, fromNeeds: 69, projects: 0 })
    expect(await funnel(ZSGRID)).toEqual({ needs: 100, met: 0, converted: 60, tasks: 70, done: 0, fromNeeds: 60, projects: 20 })
  })

  it('the levels add up: the grids and what the communities hold themselves make the street', async () => {
    const [g5, g6, zs, huafu, town] = [await funnel(GRID5), await funnel(GRID6), await funnel(ZSGRID), await funnel(HUAFU), await funnel(TOWN)]
    // 华府社区 itself holds the task handed back and its own 16 projects.
    expect(huafu.tasks - g5.tasks - g6.tasks).toBe(1)
    expect(huafu.projects - g5.projects - g6.projects).toBe(16)
    expect(town.needs).toBe(g5.needs + g6.needs + zs.needs)
    expect(town.tasks).toBe(huafu.tasks + zs.tasks)
  })
})
