// Writes a 台账's sheets as .xlsx, streamed (a month of a whole district is hundreds of thousands of rows): Chinese
// headers in a bold, frozen first row, column widths fitted to the widest text (CJK counts two), one row per record.
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'

export type Cell = string | number

export interface LedgerSheet {
  name: string
  headers: string[]
  rows: Cell[][]
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/
const MIN_WIDTH = 6
const MAX_WIDTH = 60

/** Display width of a cell: CJK and full-width characters count two. */
export function cellWidth(v: Cell): number {
  if (typeof v === 'number') return String(v).length
  let w = 0
  for (const ch of v) w += WIDE.test(ch) ? 2 : 1
  return w
}

/** The width of each column: the widest cell (header included) plus a margin, within bounds. */
export function fittedWidths(headers: string[], rows: Cell[][]): number[] {
  const widest = headers.map(cellWidth)
  for (const r of rows)
    for (let i = 0; i < widest.length; i++) {
      const w = cellWidth(r[i] ?? '')
      if (w > widest[i]!) widest[i] = w
    }
  return widest.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)))
}

export async function writeLedgerSheets(sheets: LedgerSheet[], out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = fittedWidths(s.headers, s.rows).map((width) => ({ width }))
    const head = ws.addRow(s.headers)
    head.font = { bold: true }
    head.commit()
    for (const r of s.rows) ws.addRow(r).commit()
    ws.commit()
  }
  await wb.commit()
}
