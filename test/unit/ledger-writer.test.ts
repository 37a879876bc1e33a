// The 台账's own .xlsx writer: cell references, XML escaping, and a file exceljs reads back with the same cells
// (text with markup characters and control characters, numbers, empty cells), a bold frozen header and fitted widths.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { type Cell, cellWidth, columnLetters, writeLedgerSheets, xmlText } from '../../src/capabilities/digests/ledger-writer.ts'

describe('columnLetters', () => {
  it.each([
    [0, 'A'],
    [6, 'G'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (i, letters) => expect(columnLetters(i)).toBe(letters))
})

describe('xmlText', () => {
  it.each([
    ['走访3号楼', '走访3号楼'],
    ['a<b>&"c\'', 'a&lt;b&gt;&amp;&quot;c&apos;'],
    ['铃\u0007声\u0000', '铃声'],
    ['换行\n和\t制表', '换行\n和\t制表'],
  ])('%j → %j', (raw, xml) => expect(xmlText(raw)).toBe(xml))
})

async function roundTrip(rows: Cell[][]) {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (c: Buffer) => chunks.push(c))
  await writeLedgerSheets(
    [
      { name: '签到', headers: ['时间', '备注', '户数'], rows },
      { name: 'A&B', headers: ['编号'], rows: [[1]] },
    ],
    sink,
  )
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.concat(chunks) as never)
  return wb
}

describe('writeLedgerSheets', () => {
  it('writes cells exceljs reads back the same, under a bold frozen header, with fitted widths', async () => {
    const rows: Cell[][] = [
      ['2026-11-20 09:00', '3号楼<301>&王奶奶', 5],
      ['2026-11-20 10:00', '', ''],
      ['2026-11-20 11:00', '响\u0007铃', 0],
    ]
    const wb = await roundTrip(rows)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['签到', 'A&B'])
    const ws = wb.getWorksheet('签到')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.getRow(1).font?.bold).toBe(true)
    expect(ws.getRow(2).font?.bold).toBeFalsy()
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['时间', '备注', '户数'])
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['2026-11-20 09:00', '3号楼<301>&王奶奶', 5])
    expect(ws.getRow(3).getCell(1).value).toBe('2026-11-20 10:00')
    expect(ws.getRow(4).getCell(2).value).toBe('响铃')
    expect(ws.getRow(4).getCell(3).value).toBe(0)
    expect(ws.rowCount).toBe(4)
    expect(ws.getColumn(2).width).toBe(cellWidth('3号楼<301>&王奶奶') + 2)
    expect(wb.getWorksheet('A&B')!.getRow(2).getCell(1).value).toBe(1)
  })
})
