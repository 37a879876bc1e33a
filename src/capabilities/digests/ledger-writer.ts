// Writes a 台账's sheets as .xlsx, streamed (a month of a whole district is hundreds of thousands of rows): Chinese
// headers in a bold, frozen first row, column widths fitted to the widest text (CJK counts two), one row per record.
// The sheet XML is written here as text into a streamed zip (archiver): exceljs' WorkbookWriter built a row object,
// a cell object and a style lookup per cell, which made 340,000 check-ins take ~14 s of a 30 s export; the parts below
// are the ones it wrote (same cell types, frozen pane, widths, bold header style), so a reader sees the same file.
import { entry } from '../../core/match-group.ts'
import { Readable, type Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import archiver from 'archiver'
import { ledgerTexts } from './ledger.texts.ts'

export type Cell = string | number

export interface LedgerSheet {
  name: string
  headers: string[]
  rows: Cell[][]
  /** A title row above the header (unit, period, when exported): printed on every page with the header. */
  title?: string
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
      if (w > (widest[i] ?? 0)) widest[i] = w
    }
  return widest.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)))
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
// Characters XML 1.0 does not allow at all (a pasted control character in a note); dropped, as exceljs did.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const INVALID = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g
const SPECIAL = /[<>&"']/g
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }

/** Text as XML character data. */
export function xmlText(s: string): string {
  return s.replace(INVALID, '').replace(SPECIAL, (c) => entry(ENTITY, c))
}

/** A, B, … Z, AA, … (the column letters of a cell reference). */
export function columnLetters(index: number): string {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** One row's XML; `bold` is the header (style 1), or a style number (2: the title). */
export function rowXml(r: number, cells: Cell[], letters: string[], bold: boolean | number): string {
  const style = bold === true ? 1 : bold || 0
  const s = style ? ` s="${style}"` : ''
  let x = `<row r="${r}"${style ? ` s="${style}" customFormat="1"` : ''}${style === 2 ? ' ht="24" customHeight="1"' : ''}>`
  for (const [i, v] of cells.entries()) {
    const ref = `${letters[i] ?? columnLetters(i)}${r}`
    x += typeof v === 'number' ? `<c r="${ref}"${s}><v>${v}</v></c>` : `<c r="${ref}"${s} t="str"><v>${xmlText(v)}</v></c>`
  }
  return `${x}</row>`
}

const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

function packageParts(sheets: LedgerSheet[]): [string, string][] {
  const sheetTypes = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('')
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheetTypes}</Types>`,
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join('')}</sheets><definedNames>${sheets.map(printTitles).join('')}</definedNames></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>${sheets.map((_, i) => `<Relationship Id="rId${i + 2}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ],
    ['xl/styles.xml', STYLES],
  ]
}

/** The rows printed at the top of every page (the title and the header): a defined name per sheet. */
function printTitles(s: LedgerSheet, i: number): string {
  const header = s.title ? 2 : 1
  return `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${xmlText(s.name.replace(/'/g, "''"))}'!$1:$${header}</definedName>`
}

/**
 * Offices print the 台账 for inspections (issue #29): landscape A4, every column on one page's width (as many pages
 * down as needed, whole rows), the title and header on each page, page numbers in the footer.
 */
const pageSetupXml = (title: string) =>
  '<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
  `<headerFooter><oddFooter>&amp;L${xmlText(title).replace(/&amp;/g, '&amp;&amp;')}&amp;R${ledgerTexts.pageFooter}</oddFooter>
</headerFooter>`

/** A sheet's XML, produced in chunks of rows (a month's check-ins are ~100 MB of XML: never one string). */
function* sheetXml(s: LedgerSheet): Generator<string> {
  const widths = fittedWidths(s.headers, s.rows)
  const letters = s.headers.map((_, i) => columnLetters(i))
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')
  // With a title the header is row 2 and records start at row 3.
  const header = s.title ? 2 : 1
  const head = (s.title ? rowXml(1, [s.title], letters, 2) : '') + rowXml(header, s.headers, letters, true)
  yield `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0"><pane ySplit="${header}" topLeftCell="A${header + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${head}`
  const CHUNK = 2000
  for (let at = 0; at < s.rows.length; at += CHUNK) {
    let x = ''
    const end = Math.min(s.rows.length, at + CHUNK)
    for (const [i, row] of s.rows.slice(at, end).entries()) x += rowXml(at + i + header + 1, row, letters, false)

    yield x
  }
  const merge = s.title && s.headers.length > 1 ? `<mergeCells count="1"><mergeCell ref="A1:${letters.at(-1)}1"/></mergeCells>` : ''
  yield `</sheetData>${merge}${pageSetupXml(s.title ?? s.name)}</worksheet>`
}

export async function writeLedgerSheets(sheets: LedgerSheet[], out: Writable): Promise<void> {
  // Level 6 (zlib's default) as exceljs used; the XML is repetitive, so the file is ~8 % of it.
  const zip = archiver('zip', { zlib: { level: 6 } })
  const done = finished(out)
  zip.pipe(out)
  for (const [name, xml] of packageParts(sheets)) zip.append(xml, { name })
  for (const [i, s] of sheets.entries()) zip.append(Readable.from(sheetXml(s), { objectMode: false }), { name: `xl/worksheets/sheet${i + 1}.xml` })
  await zip.finalize()
  await done
}
