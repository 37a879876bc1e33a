// Print setup of an exported sheet (exceljs), as offices print exports for inspections (issue #29): a title row
// (unit, period, when exported) above the header, both repeated on every printed page, landscape A4, all columns
// fitted to one page's width, page numbers in the footer. The streamed 台账 writes the same setup as XML
// (domain/digest/ledger-writer.ts).
import type { Worksheet } from 'exceljs'
import { isoLocal } from './local-time.ts'
import { xlsxPrintTexts } from './xlsx-print.texts.ts'

/** Writes the title (row 1) and the header (row 2) of an empty sheet and sets it up for printing. */
export function printableSheet(ws: Worksheet, title: string, headers: string[]): void {
  const titleRow = ws.addRow([title])
  titleRow.font = { bold: true, size: 14 }
  titleRow.height = 24
  if (headers.length > 1) ws.mergeCells(1, 1, 1, headers.length)
  ws.addRow(headers).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 2 }]
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: '1:2',
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
  ws.headerFooter = { ...ws.headerFooter, oddFooter: xlsxPrintTexts.footer(title.replace(/&/g, '&&')) }
}

/** 2026-12-01 09:30 (China time): when a file was exported, for its title row. */
export function exportStamp(at: Date): string {
  return isoLocal(at).slice(0, 16).replace('T', ' ')
}
