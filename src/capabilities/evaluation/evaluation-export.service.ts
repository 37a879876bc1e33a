// `gridbot export evaluation --month 2026-11` (or --quarter 2026Q4, --year 2026): the district's cadre evaluation as
// .xlsx — sheet 评价 (one row per cadre: what they did, activities organised and attended included, the score, the grade in force and who gave it) and the 台账's
// 项目 sheet for the same period.
import ExcelJS from 'exceljs'
import { Effects } from '../../core/effects.ts'
import { AppError } from '../../core/errors.ts'
import { formatLocal } from '../../core/time.ts'
import { exportStamp, printableSheet } from '../../core/xlsx-print.ts'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/transaction.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { ROLE_LABEL, type Role } from '../../kernel/org/org.types.ts'
import type { ReportSheet } from '../capability.ts'
import type { Work } from '../../kernel/work.ts'
import { evaluateCadres } from './evaluation.service.ts'
import { EXPORT_HEADERS, evaluationExportTexts as T } from './evaluation.texts.ts'
import { monthOf, periodKey, quarterOf, yearOf, type Period } from './periods.ts'

export const EVALUATION_SHEET = T.sheet
const WIDTHS = [20, 10, 16, 8, 8, 10, 10, 10, 14, 12, 8, 10, 10, 8, 8, 10, 16]

export type PeriodOption = { month: string } | { quarter: string } | { year: string }

/** The period an export names; an error in Chinese when malformed or when none or several are given. */
export function exportPeriod(o: { month?: string; quarter?: string; year?: string }): Period {
  const given = [o.month, o.quarter, o.year].filter((x) => x !== undefined)
  if (given.length !== 1) throw new AppError('EXPORT_PERIOD', 'one period', T.onePeriod)
  const p = o.month !== undefined ? monthOf(o.month) : o.quarter !== undefined ? quarterOf(o.quarter) : yearOf(o.year ?? '')
  if (!p) throw new AppError('EXPORT_PERIOD', `bad period ${given[0]}`, T.badPeriod(given[0] ?? ''))
  return p
}

/** `sheets`: the sheets the capabilities declare (`reportSheets`, the 项目 sheet), written after the cadres' sheet. */
export async function exportEvaluation(db: Db, a: { district?: string; period: Period; file?: string; now?: Date; sheets: readonly ReportSheet[] }) {
  const names = await orgRepo.districtNames(db)
  const district = a.district ?? (names.length === 1 ? (names[0] ?? '') : '')
  if (!district) throw new AppError('EXPORT_DISTRICT', 'which district', T.whichDistrict(names))
  const file = a.file ?? T.file(periodKey(a.period))
  return inTransaction(
    db,
    (tx) => writeEvaluation({ db: tx, effects: new Effects(), now: a.now ?? new Date() }, { district, period: a.period, file, sheets: a.sheets }),
    {
      timeoutMs: 300_000,
    },
  )
}

export async function writeEvaluation(
  w: Work,
  a: { district: string; period: Period; file: string; sheets: readonly ReportSheet[] },
): Promise<{ rows: number; projects: number; file: string }> {
  const district = await orgRepo.findDistrict(w.db, a.district)
  if (!district) throw new AppError('EXPORT_DISTRICT', `no district ${a.district}`, T.noDistrict(a.district))
  const units = await orgRepo.subtree(w.db, district)
  const { rows } = await evaluateCadres(w, { districtId: district.id, units, period: a.period })
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet(EVALUATION_SHEET)
  const title = (name: string) => T.title(district.name, a.period.label, name, exportStamp(w.now))
  printableSheet(sheet, title(EVALUATION_SHEET), EXPORT_HEADERS)
  for (const r of rows)
    sheet.addRow([
      r.unitName,
      r.name,
      r.wxid,
      ROLE_LABEL[r.role as Role] ?? r.role,
      r.inputs.checkins,
      r.inputs.tasks,
      r.inputs.projects,
      r.inputs.hazards,
      Math.round(r.inputs.hours * 100) / 100,
      r.inputs.noticeAck === null ? T.noAck : Math.round(r.inputs.noticeAck * 1000) / 1000,
      r.inputs.six,
      r.inputs.activitiesOrganised,
      r.inputs.activitiesAttended,
      r.score,
      r.grade?.grade ?? '',
      r.grade?.graderName ?? '',
      r.grade ? formatLocal(r.grade.at) : '',
    ])
  for (const [i, c] of sheet.columns.entries()) c.width = WIDTHS[i]
  let projects = 0 // the rows of the declared sheets (the 项目 sheet's projects)
  for (const s of a.sheets) {
    const more = await s.rows(w, district.id, a.period)
    s.add(wb, more, title(s.name))
    projects += more.length
  }
  await wb.xlsx.writeFile(a.file)
  return { rows: rows.length, projects, file: a.file }
}
