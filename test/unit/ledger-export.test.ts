// The 台账 export: a scripted November on PGlite written to .xlsx and read back — sheets, Chinese headers, frozen
// header row, one row per record with the same values, widths fitted to the text, personal data masked.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Effects } from '../../src/core/effects.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { cellWidth, exportLedgerMonth } from '../../src/capabilities/digests/ledger-export.service.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const G5 = 'room-华府社区5号网格群'
const HF = 'room-华府社区群'
let h: Harness
let file: string

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-10-31T20:00:00+08:00'), 1000)
  await h.say(G5, 'wxid_lijiaxin', '#签到 巡查 十月的') // October: not in November's ledger
  h.clock.set(new Date('2026-11-20T09:00:00+08:00'))
  await h.say(G5, 'wxid_lijiaxin', '#签到 走访 5户 3号楼301王奶奶家,电话13812345678')
  await h.say(G5, 'wxid_lijiaxin', '#任务 修复3号楼路灯 紧急')
  await h.say(G5, 'wxid_lijiaxin', '#认领 T1')
  await h.say(G5, 'wxid_lijiaxin', '#完成 T1 已修好')
  await h.say(G5, 'wxid_zhang', '#隐患 环境 楼道积水') // a resident's report
  await h.say(G5, 'wxid_yang', '#志愿 2小时 助老服务')
  await h.say(HF, 'wxid_wang', '#审核 V1 通过')
  await h.say(HF, 'wxid_wang', '#项目 独居老人用电安全')
  // An activity: two sign up, one signs in late (15:20 > 15:00 + 10 minutes' grace), the other never comes.
  await h.say(HF, 'wxid_wang', '#活动 11月20日下午3点-5点 义诊 社区广场')
  await h.say(G5, 'wxid_lijiaxin', '#报名 A1')
  await h.say(G5, 'wxid_yang', '#报名 A1')
  h.clock.set(new Date('2026-11-20T15:20:00+08:00'))
  await h.say(G5, 'wxid_lijiaxin', '#活动签到 A1')
  h.clock.set(new Date('2026-11-20T17:00:00+08:00'))
  await h.say(HF, 'wxid_wang', '#活动 A1 结束')
  // A photo kept as its evidence (the scenario activities-attendance.yaml sends them through WeChat).
  const a1 = await h.db.prisma.activity.findFirstOrThrow({ where: { number: 1 } })
  await h.db.prisma.media.create({
    data: { activityId: a1.id, roomId: a1.roomId, accountId: 'bot', messageId: 'evidence-1', kind: 'image', path: 'a.jpg', at: h.clock.now() },
  })
  h.clock.set(new Date('2026-11-21T09:00:00+08:00'))
  file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ledger-')), '台账-2026-11.xlsx')
  const w = { db: h.db.prisma, effects: new Effects(), now: h.clock.now() }
  const r = await h.db.prisma.$transaction((tx) => exportLedgerMonth({ ...w, db: tx as never }, { district: '二七区', month: '2026-11', file }))
  expect(r.rows).toEqual({ 签到: 1, 任务: 1, 隐患: 1, 志愿: 2, 积分: expect.any(Number), 项目: 1, 活动: 1, 签到汇总: 2 })
})
afterAll(() => h?.db.close())

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1)

describe('the 台账 export', () => {
  it('has the sheets, Chinese headers, a frozen header row and one row per record, read back the same', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['签到', '任务', '隐患', '志愿', '积分', '项目', '活动', '签到汇总'])
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
      expect(ws.getRow(2).font?.bold).toBe(true)
    }
    // 签到汇总: per unit and per kind (the district's kinds: here the defaults), then the totals.
    const summary = wb.getWorksheet('签到汇总')!
    expect(values(summary, 2)).toEqual(['单位', '巡查', '走访', '议事', '服务', '宣传', '调解', '采集', '合计'])
    expect(values(summary, summary.rowCount)[0]).toBe('合计')
    expect(values(summary, summary.rowCount).at(-1)).toBe(1)
    const checkins = wb.getWorksheet('签到')!
    expect(values(checkins, 2)).toEqual(['时间', '单位', '成员', '类型', '户数', '备注', '地址'])
    expect(checkins.rowCount).toBe(3)
    const c = values(checkins, 3)
    expect(c.slice(0, 5)).toEqual(['2026-11-20 09:00', '华府社区5号网格', '李佳鑫', '走访', 5])
    expect(String(c[5])).not.toContain('13812345678') // masked: the district's office reads it
    const tasks = wb.getWorksheet('任务')!
    expect(values(tasks, 3).slice(0, 7)).toEqual(['T1', '修复3号楼路灯', '华府社区5号网格', '紧急', '已完成', '李佳鑫', '李佳鑫'])
    const hazards = wb.getWorksheet('隐患')!
    expect(values(hazards, 2)[0]).toBe('编号')
    expect(values(hazards, 3)[0]).toBe('H1')
    expect(values(hazards, 3)[1]).toBe('环境') // the category in Chinese, not its code (issue #29)
    expect(values(hazards, 3)[6]).toBe('居民') // a resident reporter is not named
    const hours = wb.getWorksheet('志愿')!
    expect(values(hours, 3).slice(0, 7)).toEqual(['V1', '小杨', '华府社区5号网格', '助老服务', 2, '2026-11-20', '已通过'])
    const points = wb.getWorksheet('积分')!
    expect(points.rowCount).toBeGreaterThan(2)
    expect(values(wb.getWorksheet('项目')!, 3)[0]).toBe('P1')
    // 活动: signed up 2, came 1 (late), absent 1, 2 hours credited, 1 photo.
    expect(values(wb.getWorksheet('活动')!, 3)).toEqual([
      'A1',
      '义诊',
      '华府社区',
      '志愿服务',
      undefined,
      '2026-11-20 15:00',
      '社区广场',
      undefined,
      2,
      1,
      1,
      1,
      2,
      1,
      '已结束',
    ])
  })

  it('prints (issue #29): a title row naming unit, month and export time; landscape, fit to one page wide, header on every page, page numbers', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    for (const ws of wb.worksheets) {
      expect(values(ws, 1)[0]).toBe(`二七区 2026年11月 台账 · ${ws.name}(导出于 2026-11-21 09:00)`)
      expect(ws.getRow(1).font?.size).toBe(14)
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: '1:2' })
      expect(ws.headerFooter.oddFooter).toContain('第 &P 页,共 &N 页')
    }
  })

  it('fits column widths to the widest text (CJK counts two)', async () => {
    expect(cellWidth('华府社区5号网格')).toBe(15)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet('签到')!
    expect(ws.getColumn(2).width).toBe(cellWidth('华府社区5号网格') + 2)
    expect(ws.getColumn(5).width).toBe(Math.max(6, cellWidth('户数') + 2))
  })
})
