// `gridbot export points --month 2026-11`: the month's ledger as .xlsx for the office's 台账 — one row per entry
// (Chinese headers), and a sheet per member with what they earned and spent in the month.
import ExcelJS from 'exceljs'
import { AppError } from '../../core/errors.ts'
import { must } from '../../core/must.ts'
import { formatLocal } from '../../core/time.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import type { Work } from '../../kernel/work.ts'
import { formatPoints, monthPeriod, entryRef, owedMoves, splitBalance } from './points-rules.ts'
import { exportStamp, printableSheet } from '../../core/xlsx-print.ts'
import { settleCheckins } from './points.service.ts'
import { pointsRepo } from './points.repo.ts'
import { ledgerTexts, POINTS_SUMMARY_HEADERS, SOURCE_LABEL } from './points.texts.ts'
import { pointsExportTexts as T } from './points-commands.texts.ts'
import { Effects } from '../../core/effects.ts'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/transaction.ts'

export const LEDGER_HEADERS = T.ledgerHeaders
// A balance never shows below zero (issue #29): the month-end balance and, beside it, what is owed at the month's end.
export const SUMMARY_HEADERS = POINTS_SUMMARY_HEADERS

/** The CLI's entry: settles check-ins (one unit of work), then writes the file. `district` may be left out when there is one. */
export async function exportPoints(db: Db, a: { district?: string; month: string; file: string; now?: Date }) {
  const names = await orgRepo.districtNames(db)
  const district = a.district ?? (names.length === 1 ? (names[0] ?? '') : '')
  if (!district) throw new AppError('EXPORT_DISTRICT', 'which district', T.whichDistrict(names))
  return inTransaction(db, (tx) => exportPointsMonth({ db: tx, effects: new Effects(), now: a.now ?? new Date() }, { ...a, district }), { timeoutMs: 300_000 })
}

export async function exportPointsMonth(w: Work, a: { district: string; month: string; file: string }): Promise<{ rows: number; file: string }> {
  const period = monthPeriod(a.month)
  if (!period) throw new AppError('EXPORT_MONTH', `bad month ${a.month}`, T.badMonth(a.month))
  const district = await orgRepo.findDistrict(w.db, a.district)
  if (!district) throw new AppError('EXPORT_DISTRICT', `no district ${a.district}`, T.noDistrict(a.district))
  await settleCheckins(w, district.id)
  const [entries, opening] = await Promise.all([
    pointsRepo.entriesBetween(w.db, district.id, period.from, period.to),
    pointsRepo.sumsBefore(w.db, district.id, period.from),
  ])
  const { moves, sums: closing } = owedMoves(entries, opening)
  const wb = new ExcelJS.Workbook()
  const ledger = wb.addWorksheet(T.ledgerSheet)
  const title = (sheet: string) => T.title(district.name, period.label, sheet, exportStamp(w.now))
  printableSheet(ledger, title(T.ledgerSheet), LEDGER_HEADERS)
  const sums = new Map<number, { memberId: number; member: string; wxid: string; unit: string; earned: number; spent: number }>()
  for (const [i, e] of entries.entries()) {
    const ref = entryRef(e)
    ledger.addRow([
      formatLocal(new Date(e.at)),
      e.member,
      e.wxid,
      e.unit,
      SOURCE_LABEL[e.source] ?? e.source,
      ref,
      Number(formatPoints(e.centi)),
      // Read by the district's office: a correction's reason (typed about a unit's record) is masked like any text
      // that leaves its unit.
      [
        e.source === 'correction' ? textFor(district.id, e.unitId, e.reason ?? '') : (e.reason ?? ''),
        ledgerTexts.owedExportNote(must(moves[i], 'POINTS_OWED_MOVE_MISSING')),
      ]
        .filter(Boolean)
        .join(';'),
    ])
    const s = sums.get(e.memberId) ?? { memberId: e.memberId, member: e.member, wxid: e.wxid, unit: e.unit, earned: 0, spent: 0 }
    if (e.source === 'redeem') s.spent -= e.centi
    else s.earned += e.centi
    sums.set(e.memberId, s)
  }
  const widths = [16, 10, 16, 20, 10, 12, 8, 24]
  for (const [i, c] of ledger.columns.entries()) c.width = widths[i]
  const summary = wb.addWorksheet(T.summarySheet)
  printableSheet(summary, title(T.summaryTitle), SUMMARY_HEADERS)
  for (const s of [...sums.values()].sort((x, y) => y.earned - x.earned)) {
    const { balance, owed } = splitBalance(closing.get(s.memberId) ?? 0)
    summary.addRow([
      s.member,
      s.wxid,
      s.unit,
      Number(formatPoints(s.earned)),
      Number(formatPoints(s.spent)),
      Number(formatPoints(balance)),
      Number(formatPoints(owed)),
    ])
  }
  await wb.xlsx.writeFile(a.file)
  return { rows: entries.length, file: a.file }
}
