// Digests through the real dispatcher on PGlite (recording outbox, manual scheduler, virtual clock): a scripted
// 20 November in the demo district, the numbers of #日报 checked against the records made; scoping (a community sees
// its grids, the town its communities); a grid falls silent after 3 days; who may ask where.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const G5 = 'room-华府社区5号网格群'
const HF = 'room-华府社区群'
const ZS = 'room-正商社区群'
const ZS1 = 'room-正商社区1号网格群'
const TOWN = 'room-人和路街道工作群'
const at = (s: string) => new Date(s)
let h: Harness

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), at('2026-11-18T10:00:00+08:00'), 1000)
  // 18 November: a check-in in 5号网格, and a hazard in 正商社区1号网格 that nobody handles (H1).
  await h.say(G5, 'wxid_lijiaxin', '#签到 巡查')
  expect(await h.say(ZS1, 'wxid_zhoumin', '#隐患 环境 小区门口垃圾堆放')).toEqual([expect.stringContaining('H1')])
  // 20 November, the scripted day.
  h.clock.set(at('2026-11-20T09:00:00+08:00'))
  await h.say(G5, 'wxid_lijiaxin', '#签到 走访 5户 独居老人家中检查用电')
  await h.say(G5, 'wxid_lijiaxin', '#签到 巡查')
  await h.say(ZS1, 'wxid_zhoumin', '#签到 议事')
  expect(await h.say(G5, 'wxid_lijiaxin', '#任务 修复3号楼路灯 截止 今天18点')).toEqual([expect.stringContaining('T1')])
  await h.say(G5, 'wxid_lijiaxin', '#认领 T1')
  expect(await h.say(HF, 'wxid_wang', '#任务 整理社区台账')).toEqual([expect.stringContaining('T2')])
  expect(await h.say(ZS1, 'wxid_zhoumin', '#任务 清理楼道')).toEqual([expect.stringContaining('T3')])
  await h.say(ZS1, 'wxid_zhoumin', '#认领 T3')
  await h.say(ZS1, 'wxid_zhoumin', '#完成 T3 已清理')
  expect(await h.say(G5, 'wxid_lijiaxin', '#隐患 环境 楼道积水')).toEqual([expect.stringContaining('H2')])
  await h.say(G5, 'wxid_lijiaxin', '#受理 H2')
  await h.say(G5, 'wxid_lijiaxin', '#办结 H2 已清理')
  expect(await h.say(G5, 'wxid_yang', '#志愿 2小时 助老服务')).toEqual([expect.stringContaining('V1')])
  expect(await h.say(G5, 'wxid_lijiaxin', '#志愿 1小时 夜间巡逻')).toEqual([expect.stringContaining('V2')])
  await h.say(HF, 'wxid_wang', '#审核 V1 通过')
  expect(await h.say(HF, 'wxid_wang', '#通知 需确认 明天下午两点开会')).toEqual([expect.stringContaining('B1')])
  h.clock.set(at('2026-11-20T09:05:00+08:00'))
  await h.say(G5, 'wxid_lijiaxin', '收到')
  h.clock.set(at('2026-11-21T08:30:00+08:00'))
})
afterAll(() => h?.db.close())

describe('#日报', () => {
  it("a community's digest of the scripted day: its grids named, numbers as recorded", async () => {
    const [text] = await h.say(HF, 'wxid_wang', '#日报')
    expect(text!.split('\n')).toEqual([
      '【日报】华府社区 · 11月20日',
      '⚠️ 待关注',
      '· 连续3天未签到:华府社区6号网格',
      '· 逾期任务:华府社区5号网格 1件(T1)',
      '· 通知超时未确认:华府社区6号网格 1个群',
      '· 志愿时长待审核:华府社区5号网格 1条',
      '📋 当日',
      '签到 2 次(巡查 1、走访 1),走访 5 户',
      '各单位签到:华府社区5号网格 2、华府社区6号网格 0',
      '任务 新建 2 · 认领 1 · 完成 0',
      '隐患 上报 1 · 办结 1',
      '志愿时长 批准 2 小时(1 条)',
      '通知 1 条,下发 2 个群,按时确认 1 个(50%)',
      '清单 需求 0(已解决 0)→ 任务 2(已完成 0)→ 项目 0(已完成 0)',
    ])
    expect(text).not.toContain('正商')
  })

  it("the town's digest names its communities, grids only counted", async () => {
    const [text] = await h.say(TOWN, 'wxid_liu', '#日报 11月20日')
    expect(text!.split('\n')).toEqual([
      '【日报】人和路街道 · 11月20日',
      '⚠️ 待关注',
      '· 连续3天未签到:华府社区 1个网格',
      '· 逾期任务:华府社区 1件(T1)',
      '· 通知超时未确认:华府社区 1个群',
      '· 隐患超48小时未办结:正商社区 1件(H1)',
      '· 志愿时长待审核:华府社区 1条',
      '📋 当日',
      '签到 3 次(巡查 1、走访 1、议事 1),走访 5 户',
      '各单位签到:华府社区 2、正商社区 1',
      '任务 新建 3 · 认领 2 · 完成 1',
      '隐患 上报 1 · 办结 1',
      '志愿时长 批准 2 小时(1 条)',
      '通知 1 条,下发 2 个群,按时确认 1 个(50%)',
      '清单 需求 0(已解决 0)→ 任务 3(已完成 1)→ 项目 0(已完成 0)',
    ])
  })

  it('正商社区 sees only its own grid', async () => {
    const [text] = await h.say(ZS, 'wxid_wu', '#日报 昨天')
    expect(text).toContain('【日报】正商社区 · 11月20日')
    expect(text).toContain('各单位签到:正商社区1号网格 1')
    expect(text).toContain('· 隐患超48小时未办结:正商社区1号网格 1件(H1)')
    expect(text).not.toContain('华府')
  })

  it('a grid falls silent after 3 days without a check-in', async () => {
    h.clock.set(at('2026-11-24T08:30:00+08:00'))
    const [d22] = await h.say(HF, 'wxid_wang', '#日报 11月22日')
    expect(d22).toContain('· 连续3天未签到:华府社区6号网格\n')
    const [d23] = await h.say(HF, 'wxid_wang', '#日报 11月23日')
    expect(d23).toContain('· 连续3天未签到:华府社区5号网格;华府社区6号网格\n')
  })

  it('#周报 and #月报 cover their periods', async () => {
    const [week] = await h.say(HF, 'wxid_wang', '#周报')
    expect(week).toContain('【周报】华府社区 · 11月16日至11月22日')
    expect(week).toContain('签到 3 次(巡查 2、走访 1),走访 5 户')
    const [month] = await h.say(HF, 'wxid_wang', '#月报 本月')
    expect(month).toContain('【月报】华府社区 · 2026年11月')
    expect(month).toContain('任务 新建 2 · 认领 1 · 完成 0')
  })

  it('only supervisors, only in a group of a unit they lead, never a grid', async () => {
    expect(await h.say(HF, 'wxid_lijiaxin', '#日报')).toEqual([expect.not.stringContaining('【日报】')])
    expect(await h.say(G5, 'wxid_wang', '#日报')).toEqual(['日报、周报、月报只在您负责的单位(社区、街道、区)的工作群里查看。'])
    expect(await h.say(TOWN, 'wxid_wang', '#日报')).toEqual(['日报、周报、月报只在您负责的单位(社区、街道、区)的工作群里查看。'])
    expect((await h.say(HF, 'wxid_wang', '#日报 明天'))[0]).toContain('这一天还没到')
  })
})

describe('#日报 and notices', () => {
  it('counts groups, not notice × group pairs: two notices to two grids are 2 groups (issue #29)', async () => {
    h.clock.set(at('2026-11-27T09:00:00+08:00'))
    expect(await h.say(HF, 'wxid_wang', '#通知 需确认 明天上午检查消防通道')).toEqual([expect.stringContaining('共 2 个群')])
    expect(await h.say(HF, 'wxid_wang', '#通知 需确认 周日下午开会')).toEqual([expect.stringContaining('共 2 个群')])
    h.clock.set(at('2026-11-28T08:30:00+08:00'))
    const [text] = await h.say(HF, 'wxid_wang', '#日报 昨天')
    expect(text).toContain('· 通知超时未确认:华府社区5号网格 1个群;华府社区6号网格 1个群')
    expect(text).toContain('通知 2 条,下发 2 个群共 4 群次,按时确认 0 群次(0%)')
  })
})
