// The 台账 as an office prints it (issue #29): the workbook converted to PDF by LibreOffice Calc, headless (Debian's
// libreoffice-calc, installed by test/setup/office.ts), and the pages read back with poppler. Each sheet fits one
// page's width (a sheet of one record is one page, not its columns spread over several), and a long sheet runs on
// over pages holding whole records, each page with the title and the header.
import { execFileSync } from 'node:child_process'
import { createWriteStream, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { writeLedgerSheets, type LedgerSheet } from '../src/capabilities/digests/ledger-writer.ts'
import { ledgerTexts as t } from '../src/capabilities/digests/ledger.texts.ts'
import { PDFINFO, PDFTOTEXT, SOFFICE } from './setup/office.ts'
import { HANG_MS } from './helpers/wait.ts'

const RECORDS = 150
const pad = (i: number) => String(i).padStart(3, '0')
const long = '楼道堆放杂物影响通行,已多次劝导,业主称周末清理,需持续跟进并拍照留存,社区已登记'
const exportedAt = new Date('2026-12-01T09:30:00+08:00')
const title = (sheet: string) => t.sheetTitle('华府社区', '2026年11月', sheet, exportedAt)

// A sheet of one record for each of the 台账's sheets but one, and a long 隐患 sheet whose first and last columns
// carry the record's number (H001 … 尾001 …), so a record split over two pages would show.
const sheets: LedgerSheet[] = [
  { name: t.checkinSheet, headers: t.checkinHeaders, rows: [['2026-11-20 09:00', '华府社区5号网格', '李佳鑫', '走访', 5, long, '金水路**号院3号楼2单元***']] },
  {
    name: t.taskSheet,
    headers: t.taskHeaders,
    rows: [['T1', long, '华府社区5号网格', '紧急', '已完成', '李佳鑫', '李佳鑫', '2026-11-20 09:00', '', '2026-11-20 09:05', '2026-11-20 10:00', long]],
  },
  {
    name: t.hazardSheet,
    headers: t.hazardHeaders,
    rows: Array.from({ length: RECORDS }, (_, i) => [
      `H${pad(i + 1)}`,
      '消防',
      long,
      '建设路**号3号楼',
      '华府社区5号网格',
      '华府社区',
      '居民',
      '已办结',
      '2026-11-20 09:00',
      '2026-11-20 09:05',
      '2026-11-20 10:00',
      '2026-11-21 10:00',
      `尾${pad(i + 1)}`,
    ]),
  },
  {
    name: t.hoursSheet,
    headers: t.hoursHeaders,
    rows: [['V1', '小杨', '华府社区5号网格', '助老服务', 2, '2026-11-20', '已通过', '王书记', '2026-11-20 10:00']],
  },
  { name: t.pointsSheet, headers: t.pointsHeaders, rows: [['2026-11-20 10:00', '小杨', '华府社区5号网格', '志愿', 'V1', 2, '']] },
].map((s) => ({ ...s, title: title(s.name) }))

let pages: string[] = []

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-print-'))
  const xlsx = path.join(dir, '台账.xlsx')
  const out = createWriteStream(xlsx)
  await writeLedgerSheets(sheets, out)
  // Its own profile, so parallel runs and a desktop LibreOffice never share one.
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], {
    stdio: 'ignore',
    timeout: HANG_MS,
  })
  const pdf = path.join(dir, '台账.pdf')
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync(PDFINFO, [pdf], { encoding: 'utf8' }))?.[1])
  const text = execFileSync(PDFTOTEXT, ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
  pages = text.split('\f').slice(0, count)
  expect(pages).toHaveLength(count)
})

const pagesOf = (sheet: string) => pages.filter((p) => p.includes(title(sheet)))

describe('the 台账 printed (LibreOffice Calc → PDF)', () => {
  it('a sheet of one record is one page: every column on it, title and header above, a page number below', () => {
    for (const s of sheets.filter((x) => x.rows.length === 1)) {
      const mine = pagesOf(s.name)
      expect(mine, s.name).toHaveLength(1)
      for (const h of s.headers) expect(mine[0], `${s.name} · ${h}`).toContain(h)
      expect(mine[0]).toMatch(/第 \d+ 页,共 \d+ 页/)
    }
  })

  it('a long sheet runs on over pages of whole records, each page with the title and the header', () => {
    const mine = pagesOf(t.hazardSheet)
    expect(mine.length).toBeGreaterThan(1)
    for (const p of mine) {
      expect(p).toContain('编号')
      expect(p).toContain('上报人次')
    }
    for (let i = 1; i <= RECORDS; i++) {
      const at = mine.findIndex((p) => new RegExp(`\\bH${pad(i)}\\b`).test(p))
      expect(at, `H${pad(i)} printed`).toBeGreaterThanOrEqual(0)
      expect(mine[at], `H${pad(i)} whole on its page`).toContain(`尾${pad(i)}`)
      expect(mine.filter((p) => p.includes(`H${pad(i)} `)).length, `H${pad(i)} once`).toBe(1)
    }
  })

  it('every page is one of the sheets: nothing printed on a page of its own', () => {
    expect(pages.length).toBe(sheets.reduce((n, s) => n + pagesOf(s.name).length, 0))
  })
})
