// `gridbot export ledger --month 2026-11`: the month's 台账 as .xlsx — sheets 签到, 任务, 隐患, 志愿, 积分 and 项目 (the
// projects' sheet, addProjectSheet), one row per record, Chinese headers, frozen header row, widths fitted to the
// text. Read by the district's office: texts written about a unit's records (notes, titles, descriptions, addresses,
// activities, reasons) are masked as anything leaving its unit is; a resident reporter is not named.
import ExcelJS from 'exceljs'
import { Effects } from '../../core/effects.ts'
import { AppError } from '../../core/errors.ts'
import { isoLocal } from '../../core/local-time.ts'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/transaction.ts'
import { CHECKIN_TYPE_LABEL } from '../checkin/checkin.types.ts'
import { HAZARD_STATUS_LABEL } from '../hazard/hazard.texts.ts'
import { orgRepo } from '../org/org.repo.ts'
import { textFor } from '../org/visibility.ts'
import { formatPoints, monthPeriod } from '../points/points-rules.ts'
import { settleCheckins } from '../points/points.service.ts'
import { pointsRepo } from '../points/points.repo.ts'
import { SOURCE_LABEL } from '../points/points.texts.ts'
import { addProjectSheet, projectSheetRows } from '../project/project-export.ts'
import { STATUS_LABEL } from '../task/task.texts.ts'
import type { Work } from '../work.ts'
import { ledgerRepo } from './ledger.repo.ts'
import { ledgerTexts as t } from './ledger.texts.ts'

type Cell = string | number
/** 2026-11-20 09:00 (China time): a ledger row carries its year. */
const stamp = (d: Date) => isoLocal(d).slice(0, 16).replace('T', ' ')
const when = (d: Date | null) => (d ? stamp(d) : '')

/** Display width of a cell: CJK and full-width characters count two. */
export function cellWidth(v: Cell): number {
  let w = 0
  for (const ch of String(v)) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return w
}

function addSheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]) {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.addRow(headers).font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  headers.forEach((h, i) => {
    const widest = Math.max(cellWidth(h), ...rows.map((r) => cellWidth(r[i] ?? '')))
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(6, widest + 2))
  })
}

/** The CLI's entry: settles check-ins' points (one unit of work), then writes the file. */
export async function exportLedger(db: Db, a: { district?: string; month: string; file: string; now?: Date }) {
  const names = await orgRepo.districtNames(db)
  const district = a.district ?? (names.length === 1 ? names[0]! : '')
  if (!district) throw new AppError('EXPORT_DISTRICT', 'which district', t.whichDistrict(names))
  return inTransaction(db, (tx) => exportLedgerMonth({ db: tx, effects: new Effects(), now: a.now ?? new Date() }, { ...a, district }), {
    timeoutMs: 300_000,
  })
}

export async function exportLedgerMonth(
  w: Work,
  a: { district: string; month: string; file: string },
): Promise<{ rows: Record<string, number>; file: string }> {
  const period = monthPeriod(a.month)
  if (!period) throw new AppError('EXPORT_MONTH', `bad month ${a.month}`, t.badMonth(a.month))
  const district = await orgRepo.findDistrict(w.db, a.district)
  if (!district) throw new AppError('EXPORT_DISTRICT', `no district ${a.district}`, t.noDistrict(a.district))
  const d = district.id
  const { from, to } = period
  await settleCheckins(w, d)
  const units = new Map((await orgRepo.unitsOfDistrict(w.db, d)).map((u) => [u.id, u.name]))
  units.set(d, district.name)
  const unitName = (id: number | null) => (id === null ? '' : (units.get(id) ?? ''))
  const masked = (unitId: number, text: string | null) => (text ? textFor(d, unitId, text) : '')
  const [checkins, tasks, hazards, hours, points, projects] = await Promise.all([
    ledgerRepo.checkins(w.db, d, from, to),
    ledgerRepo.tasks(w.db, d, from, to),
    ledgerRepo.hazards(w.db, d, from, to),
    ledgerRepo.volunteer(w.db, d, from, to),
    pointsRepo.entriesBetween(w.db, d, from, to),
    projectSheetRows(w, d, period),
  ])
  const memberIds = [...new Set([...tasks.flatMap((x) => [x.creatorId, x.holderId ?? 0]), ...hours.flatMap((x) => [x.memberId, x.reviewerId ?? 0])])].filter(
    Boolean,
  )
  const members = new Map((await orgRepo.membersByIds(w.db, memberIds)).map((m) => [m.id, m.name]))
  const person = (id: number | null) => (id === null ? '' : (members.get(id) ?? ''))

  const wb = new ExcelJS.Workbook()
  const rows: Record<string, number> = {}
  const sheet = (name: string, headers: string[], data: Cell[][]) => {
    addSheet(wb, name, headers, data)
    rows[name] = data.length
  }
  sheet(
    t.checkinSheet,
    t.checkinHeaders,
    checkins.map((c) => [
      stamp(c.at),
      c.unit.name,
      c.member.name,
      CHECKIN_TYPE_LABEL[c.type],
      c.households ?? '',
      masked(c.unitId, c.note),
      masked(c.unitId, c.address),
    ]),
  )
  sheet(
    t.taskSheet,
    t.taskHeaders,
    tasks.map((x) => [
      `T${x.number}`,
      masked(x.unitId, x.title),
      unitName(x.unitId),
      x.priority === 'urgent' ? t.urgent : t.normal,
      STATUS_LABEL[x.status],
      person(x.creatorId),
      person(x.holderId),
      when(x.createdAt),
      when(x.deadline),
      when(x.claimedAt),
      when(x.closedAt),
      masked(x.unitId, x.result),
    ]),
  )
  sheet(
    t.hazardSheet,
    t.hazardHeaders,
    hazards.map((x) => [
      `H${x.number}`,
      x.category,
      masked(x.reportUnitId, x.description),
      masked(x.reportUnitId, x.address),
      unitName(x.reportUnitId),
      unitName(x.unitId),
      x.reporterMemberId ? x.reporterName : t.resident,
      HAZARD_STATUS_LABEL[x.status],
      when(x.createdAt),
      when(x.acknowledgedAt),
      when(x.resolvedAt),
      when(x.closedAt),
      x.reportCount,
    ]),
  )
  sheet(
    t.hoursSheet,
    t.hoursHeaders,
    hours.map((x) => [
      `V${x.number}`,
      person(x.memberId),
      unitName(x.unitId),
      masked(x.unitId, x.activity),
      Math.round((x.minutes / 60) * 100) / 100,
      isoLocal(x.day).slice(0, 10),
      t.hoursStatus[x.status] ?? x.status,
      person(x.reviewerId),
      when(x.reviewedAt),
    ]),
  )
  sheet(
    t.pointsSheet,
    t.pointsHeaders,
    points.map((e) => [
      stamp(new Date(e.at)),
      e.member,
      e.unit,
      SOURCE_LABEL[e.source] ?? e.source,
      e.ref.startsWith('rev:') ? '' : e.ref,
      Number(formatPoints(e.centi)),
      e.source === 'correction' ? masked(e.unitId, e.reason) : (e.reason ?? ''),
    ]),
  )
  addProjectSheet(wb, projects)
  rows[t.projectSheet] = projects.length
  await wb.xlsx.writeFile(a.file)
  return { rows, file: a.file }
}
