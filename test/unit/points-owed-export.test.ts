// Issue #29 item 13 in the exports: approved, spent, then reversed — `gridbot export points` and the 台账's 积分 sheet
// never show a negative balance, and name what is owed (待抵扣) and what a later earning paid of it.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { exportLedger } from '../../src/capabilities/digests/ledger-export.service.ts'
import { exportPoints, SUMMARY_HEADERS } from '../../src/capabilities/points/points-export.service.ts'
import { checkBalance } from '../../src/capabilities/points/points.service.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const G5 = 'room-华府社区5号网格群'
const HF = 'room-华府社区群'
let h: Harness
const dir = mkdtempSync(path.join(os.tmpdir(), 'points-owed-'))
const rows = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = []
  ws.eachRow((r, n) => void (n > 2 && out.push((r.values as unknown[]).slice(1))))
  return out
}

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-11-20T09:00:00+08:00'), 1000)
  await h.say(G5, 'wxid_lijiaxin', '#志愿 2小时 助老服务')
  await h.say(HF, 'wxid_wang', '#审核 V1 通过')
  expect((await h.say(G5, 'wxid_lijiaxin', '#兑换 微心愿')).join()).toContain('余额 0 分')
  expect((await h.say(HF, 'wxid_wang', '#冲正 V1 当天未参加')).join()).toContain('待抵扣 2 分')
})
afterAll(() => h?.db.close())

describe('what is owed in the exports', () => {
  it('the ledger sum is −2 (append-only, balance = sum), shown as 余额 0 and 待抵扣 2 in export points', async () => {
    const id = (await h.db.prisma.member.findUniqueOrThrow({ where: { wxid: 'wxid_lijiaxin' } })).id
    expect(await checkBalance({ db: h.db.prisma }, id)).toEqual({ balance: -200, sum: -200 })
    const file = path.join(dir, 'points.xlsx')
    await exportPoints(h.db.prisma, { month: '2026-11', file, now: h.clock.now() })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const summary = wb.getWorksheet('汇总')!
    expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual(SUMMARY_HEADERS)
    const li = rows(summary).find((r) => r[0] === '李佳鑫')!
    expect(li.slice(3)).toEqual([0, 2, 0, 2]) // 获得 2 − 2 reversed, 使用 2, 月末余额 0, 待抵扣 2
    for (const r of rows(summary)) expect(r[5] as number).toBeGreaterThanOrEqual(0)
    const ledger = rows(wb.getWorksheet('积分台账')!)
    expect(ledger.find((r) => r[4] === '冲正')?.[7]).toBe('当天未参加;积分已用掉,记待抵扣 2 分')
  })

  it('a later earning pays what is owed first, said in the 台账 积分 sheet', async () => {
    await h.say(G5, 'wxid_lijiaxin', '#志愿 3小时 巡逻')
    await h.say(HF, 'wxid_wang', '#审核 V2 通过')
    const file = path.join(dir, 'ledger.xlsx')
    await exportLedger(h.db.prisma, { month: '2026-11', file, now: h.clock.now() })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const points = rows(wb.getWorksheet('积分')!).filter((r) => r[1] === '李佳鑫')
    expect(points.find((r) => r[3] === '冲正')?.[6]).toBe('当天未参加;积分已用掉,记待抵扣 2 分')
    expect(points.find((r) => r[4] === 'V2')?.[6]).toBe('先抵扣待抵扣 2 分')
    const pointsFile = path.join(dir, 'points2.xlsx')
    await exportPoints(h.db.prisma, { month: '2026-11', file: pointsFile, now: h.clock.now() })
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.readFile(pointsFile)
    expect(
      rows(wb2.getWorksheet('汇总')!)
        .find((r) => r[0] === '李佳鑫')!
        .slice(5),
    ).toEqual([1, 0])
  })
})
