// Projects, the funnel, the 六个一 and cadre evaluation through the real dispatcher on PGlite (recording outbox,
// manual scheduler, virtual clock): a scripted October and November in 华府社区, the funnel and the scores checked
// against figures counted by hand from the script, escalation of an unclaimed project, and the export read back.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import type { InboundMessage } from '../../src/core/message.ts'
import { projectTimerHandlers } from '../../src/capabilities/projects/project-timers.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const GRID = 'room-华府社区5号网格群'
const GRID6 = 'room-华府社区6号网格群'
const COMMUNITY = 'room-华府社区群'
const TOWN = 'room-人和路街道工作群'
const ZS = 'room-正商社区群'
const ZSGRID = 'room-正商社区1号网格群'
const HOUR = 3_600_000
let h: Harness
let n = 0

/** An image from someone in a room (the gateway kept it under `ref`). */
async function image(roomId: string, talkerId: string): Promise<string[]> {
  h.outbox.clear()
  const msg: InboundMessage = {
    accountId: 'bot-main',
    messageId: `img${++n}`,
    roomId,
    roomTopic: null,
    talkerId,
    talkerName: talkerId,
    kind: 'image',
    text: '',
    mediaRef: `media/img${n}.jpg`,
    mentionsSelf: false,
    receivedAt: h.clock.now().toISOString(),
  }
  await h.dispatch(msg)
  return h.outbox.to(roomId)
}

/** Runs the project escalation timers due now, as the timers queue would. */
async function runProjectTimers() {
  const run = projectTimerHandlers({
    prisma: h.db.prisma,
    outbox: h.outbox,
    scheduler: h.scheduler,
    clock: h.clock,
    log: h.log,
    counters: h.counters,
    media: h.media,
  }).project_escalate
  h.outbox.clear()
  for (const t of h.scheduler.due(h.clock.now())) if (t.kind === 'project_escalate') await run(t)
}

beforeAll(async () => {
  // October 31st, evening: what happens now must not count for November.
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-10-31T20:00:00+08:00'), 1000)
  await h.say(GRID, 'wxid_lijiaxin', '#签到 巡查')
  await h.say(GRID, 'wxid_yang', '#需求 10月的需求:楼道灯不亮') // N1, October
  h.clock.set(new Date('2026-11-20T09:00:00+08:00'))
})
afterAll(() => h?.db.close())

describe('projects over needs, tasks and resources', () => {
  it('creates a project linking a need, a task and a resource', async () => {
    await h.say(GRID, 'wxid_yang', '#需求 3号楼2单元301王奶奶家电线老化,电话13812345678') // N2
    await h.say(GRID, 'wxid_lijiaxin', '#任务 转 N2') // T1, from N2
    await h.say(GRID, 'wxid_lijiaxin', '#任务 检查独居老人家用电 紧急') // T2, urgent
    await h.say(COMMUNITY, 'wxid_wang', '#资源 电工志愿服务 提供方 供电所') // R1
    const said = await h.say(COMMUNITY, 'wxid_wang', '#项目 独居老人用电安全 N2 R1')
    expect(said).toEqual([expect.stringContaining('已创建领题攻坚项目 P1「独居老人用电安全」(华府社区)\n包含:N2、R1\n领题:#领题 P1')])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#项目 P1 加 T2 R1')).toEqual([expect.stringContaining('已加入 P1:T2(R1 已在项目中)')])
  })

  it('refuses what cannot be linked, and bad input, with an example', async () => {
    await h.say(ZSGRID, 'wxid_zhoumin', '#任务 正商的任务') // T3, another community
    expect(await h.say(COMMUNITY, 'wxid_wang', '#项目 P1 加 T3')).toEqual(['T3 属于正商社区1号网格,不在项目所在的华府社区范围内'])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#项目 P1 加 T99')).toEqual(['没有 T99'])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#项目 P1 加 X1')).toEqual([
      '「X1」不是需求、任务或资源编号(如 N4、T9、R2)\n例如:#项目 独居老人用电安全 N1 T2 R1',
    ])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#项目')).toEqual(['请写明项目名称\n例如:#项目 独居老人用电安全 N1 T2 R1'])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#项目 第二个项目 T2')).toEqual([expect.stringContaining('T2 已属于项目 P1')])
    expect(await h.say(GRID, 'wxid_yang', '#项目 志愿者的项目')).toEqual([expect.stringContaining('只有本单位网格员或上级负责人可以在华府社区5号网格创建项目')])
  })

  it('claims by prefix: P claims the project, T the task', async () => {
    expect(await h.say(GRID, 'wxid_yang', '#领题 P1')).toEqual([expect.stringContaining('P1 属于华府社区,请由本单位或下级的网格员、负责人领题')])
    expect(await h.say(ZSGRID, 'wxid_zhoumin', '#领题 P1')).toEqual([expect.stringContaining('项目 P1 属于华府社区,您无权查看或办理')])
    expect(await h.say(GRID, 'wxid_lijiaxin', '#领题 P1')).toEqual([expect.stringContaining('已领题 P1「独居老人用电安全」(任务 0/2 · 需求 0/1 已解决)')])
    expect(await h.say(GRID6, 'wxid_chenxiao', '#认领 P1')).toEqual([expect.stringContaining('P1 已由李佳鑫领题')])
    expect(await h.say(GRID, 'wxid_lijiaxin', '#认领 T1')).toEqual([expect.stringContaining('已认领 T1')])
    expect(await h.say(GRID, 'wxid_lijiaxin', '#认领 Q1')).toEqual([expect.stringContaining('任务编号应为 T 加数字')])
    expect(await h.say(GRID, 'wxid_lijiaxin', '#领题')).toEqual([expect.stringContaining('请写明任务编号')])
  })

  it('shows progress; completion waits for the tasks and needs a summary', async () => {
    expect(await h.say(GRID, 'wxid_lijiaxin', '#完成 P1 都弄好了')).toEqual(['P1 还有任务未完成:T1(进行中)、T2(待认领),完成后再结项'])
    expect(await h.say(GRID6, 'wxid_chenxiao', '#完成 P1 总结')).toEqual([expect.stringContaining('P1 由李佳鑫负责,只有负责人或上级负责人可以结项')])
    await h.say(GRID, 'wxid_lijiaxin', '#完成 T1 已更换电线')
    const urgent = await h.say(GRID, 'wxid_lijiaxin', '#完成 T2 已逐户检查')
    expect(urgent[0]).toContain('李佳鑫 六个一:解决一个难题 ✅') // an urgent task counts (policy default)
    const shown = await h.say(GRID, 'wxid_lijiaxin', '#项目 P1')
    expect(shown[0]).toContain('P1 独居老人用电安全(进行中,李佳鑫负责;任务 2/2 · 需求 1/1 已解决) · 华府社区')
    expect(shown[0]).toContain('N2 3号楼2单元301王奶奶家电线老化,电话13812345678(已解决)') // the grid owns N2: shown as typed here
    const above = await h.say(COMMUNITY, 'wxid_wang', '#项目 P1')
    expect(above[0]).toContain('N2 3号楼2单元***王奶奶家电线老化,电话138****5678(已解决)') // masked in the community's group
    expect(above[0]).toContain('个人信息已隐去')
    expect(await h.say(GRID, 'wxid_lijiaxin', '#完成 P1')).toEqual([expect.stringContaining('请写明项目总结\n例如:#完成 P1 ')])
    const done = await h.say(GRID, 'wxid_lijiaxin', '#完成 P1 为12户独居老人排查用电隐患')
    expect(done).toEqual(['🎉 项目 P1「独居老人用电安全」已结项(任务 2/2 · 需求 1/1 已解决)。(李佳鑫 积分 +5)\n李佳鑫 六个一:参与一个项目 ✅'])
    expect(await h.say(GRID, 'wxid_lijiaxin', '#完成 P1 再来')).toEqual([expect.stringContaining('P1 已经结项了')])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#项目 P1 加 N1')).toEqual([expect.stringContaining('P1 已完成')])
  })

  it('lists the subtree’s projects', async () => {
    const list = await h.say(COMMUNITY, 'wxid_wang', '#项目列表')
    expect(list).toEqual(['华府社区及下级 领题攻坚项目:进行中/待领题 0 个,已完成 1 个\nP1 独居老人用电安全(已完成,李佳鑫负责;任务 2/2 · 需求 1/1 已解决)'])
    expect(await h.say(GRID6, 'wxid_chenxiao', '#项目列表')).toEqual(['华府社区6号网格 暂无项目。'])
  })
})

describe('escalation of an unclaimed project', () => {
  it('climbs one level a day (policies.projects.escalation) and stops when claimed', async () => {
    await h.say(COMMUNITY, 'wxid_wang', '#项目 楼道杂物清理') // P2, 09:00 on the 20th
    h.clock.advance(23 * HOUR)
    await runProjectTimers()
    expect(h.outbox.sent).toEqual([])
    h.clock.advance(HOUR)
    await runProjectTimers()
    expect(h.outbox.to(COMMUNITY)).toEqual([expect.stringContaining('领题攻坚项目 P2「楼道杂物清理」已等待1天无人领题,请发送 #领题 P2')])
    expect(h.outbox.sent[0]!.mentionIds.sort()).toEqual(['wxid_chenxiao', 'wxid_lijiaxin']) // the grid cadres of the subtree
    h.clock.advance(24 * HOUR)
    await runProjectTimers()
    expect(h.outbox.to(TOWN)).toEqual([expect.stringContaining('上报(第1级):华府社区 领题攻坚项目 P2「楼道杂物清理」已等待2天无人领题')])
    expect(h.outbox.sent[0]!.mentionIds).toEqual(['wxid_liu'])
    await h.say(GRID6, 'wxid_chenxiao', '#领题 P2')
    expect(h.outbox.to(TOWN)).toEqual(['✅ 华府社区 项目 P2「楼道杂物清理」已由 陈晓 领题。'])
    h.clock.advance(48 * HOUR)
    await runProjectTimers()
    expect(h.outbox.sent).toEqual([])
  })
})

describe('六个一', () => {
  it('records one of the six with images within 5 minutes before and after as evidence', async () => {
    await image(GRID, 'wxid_lijiaxin')
    h.clock.advance(60_000)
    const said = await h.say(GRID, 'wxid_lijiaxin', '#六个一 台账 建立5号网格独居老人走访台账')
    expect(said).toEqual(['✅ 已记录六个一「记好一本台账」(附图 1 张)\n2026年六个一 3/6,还差:案例、报告、建议'])
    h.clock.advance(60_000)
    expect(await image(GRID, 'wxid_lijiaxin')).toEqual(['📷 图片已作为六个一「记好一本台账」的佐证。'])
    h.clock.advance(10 * 60_000)
    expect(await image(GRID, 'wxid_lijiaxin')).toEqual([]) // too late: evidence of nothing
    expect(await h.db.prisma.media.count({ where: { sixId: { not: null } } })).toBe(2)
  })

  it('shows one’s progress with what is missing; bad input gets an example', async () => {
    const said = await h.say(GRID, 'wxid_lijiaxin', '#六个一')
    expect(said[0]).toContain('李佳鑫 2026年六个一 3/6,还差:案例、报告、建议\n✅ 记好一本台账\n⬜ 撰写一个案例\n✅ 参与一个项目\n✅ 解决一个难题')
    expect(await h.say(GRID, 'wxid_lijiaxin', '#六个一 心得 写了心得')).toEqual([
      '「心得」不是六个一之一:请写 台账、案例、项目、难题、报告、建议\n例如:#六个一 台账 建立5号网格独居老人走访台账',
    ])
    expect(await h.say(GRID, 'wxid_yang', '#六个一')).toEqual([expect.stringContaining('#六个一 仅限')])
  })
})

describe('the funnel for a scripted month', () => {
  it('counts November against the records (the October need is not in it)', async () => {
    const said = await h.say(COMMUNITY, 'wxid_wang', '#清单')
    // November in 华府社区's subtree: needs N2 (met: T1 done); tasks T1 (from N2), T2, both done; projects P1 (done),
    // P2 (claimed); resource R1 registered, never matched with #对接.
    expect(said).toEqual([
      '📊 华府社区及下级 2026年11月 需求→任务→项目:\n需求 1 条(已解决 1,转为任务 1)\n→ 任务 2 项(已完成 2,来自需求 1)\n→ 项目 2 个(已完成 1)\n资源 1 项登记,对接 0 次(0 项资源)',
    ])
    const year = await h.say(GRID, 'wxid_lijiaxin', '#清单 本年')
    expect(year[0]).toContain('需求 2 条(已解决 1,转为任务 1)') // N1 (October) and N2
    expect(year[0]).toContain('→ 任务 2 项(已完成 2,来自需求 1)\n→ 项目 0 个') // the grid's own subtree has no project
    expect(await h.say(COMMUNITY, 'wxid_wang', '#清单 下周')).toEqual([expect.stringContaining('看不懂时段「下周」')])
  })
})

describe('evaluation for a scripted month', () => {
  it('scores each cadre from the records, by the default weights', async () => {
    // More of November: a hazard 李佳鑫 takes on and resolves, two hours of service approved, a check-in each.
    await h.say(GRID, 'wxid_lijiaxin', '#隐患 环境 5号楼下垃圾堆积') // routed to the grid itself
    await h.say(GRID, 'wxid_lijiaxin', '#受理 H1')
    await h.say(GRID, 'wxid_lijiaxin', '#办结 H1 已清理')
    await h.say(GRID, 'wxid_lijiaxin', '#志愿 2小时 助老服务')
    await h.say(COMMUNITY, 'wxid_wang', '#审核 V1 通过')
    await h.say(GRID, 'wxid_lijiaxin', '#签到 走访 3户')
    await h.say(GRID6, 'wxid_chenxiao', '#签到 巡查')
    // 李佳鑫: check-ins 1 (October's does not count) · tasks T1, T2 · project P1 · hazard H1 · 2 h · 六个一 3 (台账 项目 难题)
    //   = 1×1 + 2×5 + 1×10 + 1×3 + 2×2 + 3×5 = 1 + 10 + 10 + 3 + 4 + 15 = 43
    // 陈晓: check-ins 1, nothing else (P2 claimed, not done) = 1;  王书记: nothing = 0.
    const table = await h.say(COMMUNITY, 'wxid_wang', '#评价')
    expect(table[0]).toBe(
      [
        '📋 华府社区及下级 2026年11月 干部评价 3 人(按单位排列,不排名):',
        '华府社区 王书记:签到 0 · 任务 0 · 项目 0 · 隐患 0 · 志愿 0 · 通知确认 暂无 · 六个一 0/6 → 0 分',
        '华府社区5号网格 李佳鑫:签到 1 · 任务 2 · 项目 1 · 隐患 1 · 志愿 2小时 · 通知确认 暂无 · 六个一 3/6 → 43 分',
        '华府社区6号网格 陈晓:签到 1 · 任务 0 · 项目 0 · 隐患 0 · 志愿 0 · 通知确认 暂无 · 六个一 0/6 → 1 分',
        '权重:签到×1 任务×5 项目×10 隐患×3 志愿每小时×2 通知确认率×20 六个一每项×5 组织活动每场×3 参加活动每场×1(通知确认率:本单位群收到的需确认(含紧急)通知中已确认的比例;期间没有通知为“暂无”,不计分)',
      ].join('\n'),
    )
    expect(await h.say(GRID, 'wxid_lijiaxin', '#评价')).toEqual([
      '📋 李佳鑫 2026年11月 评价:\n签到 1 · 任务 2 · 项目 1 · 隐患 1 · 志愿 2小时 · 通知确认 暂无 · 六个一 3/6\n得分 43',
    ])
    const october = await h.say(GRID, 'wxid_lijiaxin', '#评价 上月')
    expect(october[0]).toContain('签到 1 · 任务 0 · 项目 0 · 隐患 0 · 志愿 0 · 通知确认 暂无 · 六个一 0/6\n得分 1')
  })

  it('shows scores only to the cadre and supervisors above, never in a grid’s group', async () => {
    expect(await h.say(GRID, 'wxid_wang', '#评价 本月 华府社区')).toEqual([expect.stringContaining('评价表不在网格群公布')])
    expect(await h.say(COMMUNITY, 'wxid_lijiaxin', '#评价 本月 华府社区')).toEqual([expect.stringContaining('您不是华府社区的上级负责人')])
    expect(await h.say(ZS, 'wxid_wu', '#评价 本月 华府社区')).toEqual([expect.stringContaining('您不是华府社区的上级负责人')])
    expect(await h.say(TOWN, 'wxid_wang', '#评价')).toEqual([expect.stringContaining('您不是人和路街道的上级负责人')])
    expect(await h.say(TOWN, 'wxid_wang', '#评价 本月 华府社区')).toEqual([expect.stringContaining('评价表只在您负责的单位群中公布')])
    const town = await h.say(TOWN, 'wxid_liu', '#评价 本月')
    expect(town[0]).toContain('人和路街道及下级 2026年11月 干部评价 6 人')
    expect(town[0]).toContain('正商社区1号网格 周敏')
  })

  it('grades with an audit trail; nobody grades themself or a sibling subtree', async () => {
    expect(await h.say(COMMUNITY, 'wxid_wang', '#评定 李佳鑫 良好')).toEqual([expect.stringContaining('已评定 李佳鑫 2026年11月:良好')])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#评定 李佳鑫 优秀 11月')).toEqual([expect.stringContaining('已评定 李佳鑫 2026年11月:优秀(原为 良好)')])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#评定 王书记 优秀')).toEqual([expect.stringContaining('不能评定自己')])
    expect(await h.say(ZS, 'wxid_wu', '#评定 李佳鑫 优秀')).toEqual([expect.stringContaining('李佳鑫 不在您负责的单位,不能评定')])
    expect(await h.say(GRID, 'wxid_lijiaxin', '#评定 陈晓 优秀')).toEqual([expect.stringContaining('#评定 仅限负责人、管理员使用')])
    expect(await h.say(GRID, 'wxid_wang', '#评定 陈晓 合格')).toEqual([expect.stringContaining('评定结果不在网格群公布')])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#评定 李佳鑫')).toEqual(['请写明等次:优秀、良好、合格 或 不合格\n例如:#评定 李佳鑫 优秀 11月'])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#评定 张三 优秀')).toEqual([expect.stringContaining('没有名为「张三」的成员')])
    expect(await h.say(TOWN, 'wxid_liu', '#评定 王书记 合格 本季')).toEqual([expect.stringContaining('已评定 王书记 2026年第4季度:合格')])
    const trail = await h.db.prisma.gradeEntry.findMany({ orderBy: { id: 'asc' } })
    expect(trail.map((g) => [g.period, g.grade, g.previous])).toEqual([
      ['2026-11', '良好', null],
      ['2026-11', '优秀', '良好'],
      ['2026Q4', '合格', null],
    ])
    expect((await h.say(COMMUNITY, 'wxid_wang', '#评价'))[0]).toContain('→ 43 分(评定:优秀)')
  })
})

describe('gridbot export evaluation', () => {
  it('writes the month’s table and the 项目 sheet as .xlsx, read back', async () => {
    const ExcelJS = (await import('exceljs')).default
    const { exportEvaluation, exportPeriod } = await import('../../src/capabilities/evaluation/evaluation-export.service.ts')
    const { EXPORT_HEADERS } = await import('../../src/capabilities/evaluation/evaluation.texts.ts')
    const { PROJECT_HEADERS, projectReportSheet } = await import('../../src/capabilities/projects/project-export.ts')
    // An activity (#24): 王书记 organises it, 陈晓 attends — the columns 组织活动 and 参加活动.
    await h.say(COMMUNITY, 'wxid_wang', '#活动 明天上午9点-11点 清理楼道')
    await h.say(GRID6, 'wxid_chenxiao', '#报名 A1')
    h.clock.set(new Date('2026-11-25T09:05:00+08:00'))
    await h.say(GRID6, 'wxid_chenxiao', '#活动签到 A1')
    h.clock.set(new Date('2026-11-25T11:00:00+08:00'))
    await h.say(COMMUNITY, 'wxid_wang', '#活动 A1 结束')
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'evaluation-export-')), 'evaluation.xlsx')
    const r = await exportEvaluation(h.db.prisma, { period: exportPeriod({ month: '2026-11' }), file, now: h.clock.now(), sheets: [projectReportSheet] })
    expect(r).toEqual({ rows: 7, projects: 2, file })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((v) => v.slice(1))
    // Row 1 the title (issue #29), row 2 the header.
    const [evaluationTitle, ...evaluation] = rows('评价')
    expect(String(evaluationTitle![0])).toMatch(/^二七区 2026年11月 评价\(导出于 /)
    expect(evaluation[0]).toEqual(EXPORT_HEADERS)
    expect(evaluation.find((x) => x[1] === '李佳鑫')!.slice(0, 15)).toEqual([
      '华府社区5号网格',
      '李佳鑫',
      'wxid_lijiaxin',
      '网格员',
      1,
      2,
      1,
      1,
      2,
      '暂无',
      3,
      0,
      0,
      43,
      '优秀',
    ])
    // 王书记 organised A1 (3 points); 陈晓 attended it (1) and got its 2 hours at once from a supervisor (2×2).
    expect(evaluation.find((x) => x[1] === '王书记')!.slice(11, 14)).toEqual([1, 0, 3])
    expect(evaluation.find((x) => x[1] === '陈晓')!.slice(8, 15)).toEqual([2, '暂无', 0, 0, 1, 6, ''])
    const [projectsTitle, ...projects] = rows('项目')
    expect(String(projectsTitle![0])).toMatch(/^二七区 2026年11月 项目\(导出于 /)
    expect(projects[0]).toEqual(PROJECT_HEADERS)
    expect(projects[1]!.slice(0, 8)).toEqual(['P1', '独居老人用电安全', '华府社区', '已完成', '李佳鑫', '2/2', '1/1', 'R1'])
    expect(projects[2]!.slice(0, 5)).toEqual(['P2', '楼道杂物清理', '华府社区', '进行中', '陈晓'])
    expect(() => exportPeriod({ month: '2026-13' })).toThrow(/period/)
    expect(() => exportPeriod({})).toThrow()
    const q = await exportEvaluation(h.db.prisma, { period: exportPeriod({ quarter: '2026Q3' }), file, now: h.clock.now(), sheets: [projectReportSheet] })
    expect(q.projects).toBe(0)
  })
})

describe('a project with no task done (issue #29, item 32a)', () => {
  it('cannot be closed, and the refusal says no task is done — not that tasks are unfinished', async () => {
    const made = (await h.say(COMMUNITY, 'wxid_wang', '#项目 空项目测试'))[0]!
    const id = /项目 (P\d+)/.exec(made)![1]!
    expect(await h.say(GRID, 'wxid_lijiaxin', `#领题 ${id}`)).toEqual([expect.stringContaining(`已领题 ${id}`)])
    const said = (await h.say(GRID, 'wxid_lijiaxin', `#完成 ${id} 总结`))[0]!
    expect(said).toContain(`${id} 没有一项已完成的任务,不能结项`)
    expect(said).not.toContain('还没有完成的任务')
  })
})
