// The 台账 as .xlsx — sheets 签到, 任务, 隐患, 志愿, 积分, 项目, 活动 and 签到汇总 (per unit and kind), one row per record, Chinese headers, frozen bold header
// row, widths fitted to the text — for one month of a unit's subtree. One piece of code for both ways out: the
// command line (`gridbot export ledger --month 2026-11`, the whole district, to a file) and `#导出 台账` in a group
// (that group's unit subtree, as a file message). Texts written about a unit's records (notes, titles, descriptions,
// addresses, activities, reasons) are masked unless the reader is that unit itself; a resident reporter is not named.
import { createWriteStream } from 'node:fs'
import { PassThrough, type Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { Effects } from '../../core/effects.ts'
import { AppError } from '../../core/errors.ts'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/transaction.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'

import { owedMoves } from '../points/points-rules.ts'
import { monthPeriod } from '../../kernel/time/periods.ts'
import { settleCheckins } from '../points/points.service.ts'
import { forReports } from '../../db/read-replica.ts'
import { pointsRepo } from '../points/points.repo.ts'
import { PROJECT_HEADERS, projectSheetRows } from '../projects/project-export.ts'
import type { Work } from '../../kernel/work.ts'
import { ledgerRepo } from './ledger.repo.ts'
import { activityRows, checkinRows, checkinSummary, hazardRows, hoursRows, pointsRows, taskRows, type LedgerNames } from './ledger-rows.ts'
import { writeLedgerSheets, type LedgerSheet } from './ledger-writer.ts'
import { ledgerTexts as t } from './ledger.texts.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { cityDistricts } from '../../kernel/org/org.service.ts'
import { mergeDistrictSheets } from './ledger-city.ts'
import { DEFAULT_CHECKIN_KINDS } from '../../kernel/texts/checkin-kinds.texts.ts'
import { must } from '../../core/must.ts'

export { cellWidth } from './ledger-writer.ts'

/** Whose records: a district, or a unit's subtree in it (read from that unit's group). */
export interface LedgerScope {
  districtId: number
  /** The unit whose subtree is exported (the district itself for the whole district). */
  root: Pick<Unit, 'id' | 'path' | 'name'>
}

/** Whether the sheets settle check-ins' points first (inside the caller's unit of work), or the caller did already. */
export interface LedgerOptions {
  settle: boolean
}

/** The sheets of one month of a scope: gathers the records (settling check-ins' points first, one unit of work). A
 *  city's group (issue #26) gets the city's own records and each district's, with a 区 column first. */
export async function ledgerSheets(w: Work, scope: LedgerScope, period: { from: Date; to: Date }, o: LedgerOptions = { settle: true }): Promise<LedgerSheet[]> {
  const districts = await cityDistricts(w.db, scope.root.id)
  if (!districts.length) return scopeSheets(w, scope, period, o)
  const parts = [{ label: scope.root.name, sheets: await scopeSheets(w, scope, period, o) }]
  // Each district's check-ins are settled here: the caller settled the city's own only.
  for (const d of districts) parts.push({ label: d.name, sheets: await scopeSheets(w, { districtId: d.id, root: d }, period, { settle: true }) })
  return mergeDistrictSheets(parts)
}

async function scopeSheets(w: Work, scope: LedgerScope, period: { from: Date; to: Date }, o: LedgerOptions): Promise<LedgerSheet[]> {
  const d = scope.districtId
  const { from, to } = period
  if (o.settle) await settleCheckins(w, d)
  // The records read from the replica when DATABASE_READ_URL is set; the points, just settled in this unit of work, not.
  const reports = forReports(w.db)
  const subtree = await ledgerRepo.subtree(reports, scope.root.path)
  const whole = scope.root.id === d
  // The whole district reads by district (its indexes); a subtree by its units.
  const ids = whole ? null : subtree.map((u) => u.id)
  const inScope = new Set(subtree.map((u) => u.id))
  const [checkins, tasks, hazards, hours, allPoints, projects, opening, activities] = await Promise.all([
    ledgerRepo.checkins(reports, d, ids, from, to),
    ledgerRepo.tasks(reports, d, ids, from, to),
    ledgerRepo.hazards(reports, d, ids, from, to),
    ledgerRepo.volunteer(reports, d, ids, from, to),
    pointsRepo.entriesBetween(w.db, d, from, to),
    projectSheetRows(w, d, period, whole ? undefined : inScope),
    pointsRepo.sumsBefore(w.db, d, from),
    ledgerRepo.activities(reports, d, ids, from, to),
  ])
  // A balance never shows below zero (issue #29): an entry that moved what is owed (待抵扣) says so in its 说明.
  const { moves } = owedMoves(allPoints, opening)
  const points = allPoints.map((e, i) => ({ ...e, owed: must(moves[i], 'LEDGER_OWED_MISSING') }))
  const memberIds = [...new Set([...tasks.flatMap((x) => [x.creatorId, x.holderId ?? 0]), ...hours.flatMap((x) => [x.memberId, x.reviewerId ?? 0])])].filter(
    Boolean,
  )
  const names: LedgerNames = {
    reader: scope.root.id,
    units: new Map(subtree.map((u) => [u.id, u.name])),
    members: new Map((await orgRepo.membersByIds(w.db, memberIds)).map((m) => [m.id, m.name])),
  }
  // A hazard handled above the subtree still names its handling unit.
  const outside = hazards.map((h) => h.unitId).filter((id) => !names.units.has(id))
  if (outside.length) for (const u of await ledgerRepo.unitNames(w.db, [...new Set(outside)])) names.units.set(u.id, u.name)
  return [
    { name: t.checkinSheet, headers: t.checkinHeaders, rows: checkinRows(checkins, names) },
    { name: t.taskSheet, headers: t.taskHeaders, rows: taskRows(tasks, names) },
    { name: t.hazardSheet, headers: t.hazardHeaders, rows: hazardRows(hazards, names) },
    { name: t.hoursSheet, headers: t.hoursHeaders, rows: hoursRows(hours, names) },
    { name: t.pointsSheet, headers: t.pointsHeaders, rows: pointsRows(whole ? points : points.filter((e) => inScope.has(e.unitId)), names) },
    { name: t.projectSheet, headers: PROJECT_HEADERS, rows: projects },
    { name: t.activitySheet, headers: t.activityHeaders, rows: activityRows(activities, names) },
    { name: t.checkinSummarySheet, ...checkinSummary(checkins, await scopeKinds(w, scope)) },
  ]
}

/** The check-in kinds in force at the scope's unit (policy checkinKinds). */
async function scopeKinds(w: Work, scope: LedgerScope) {
  const unit = await orgRepo.unitById(w.db, scope.root.id)
  return unit ? (await unitContext(w.db, unit)).policy.checkinKinds : DEFAULT_CHECKIN_KINDS
}

/** The month's 台账 of a scope written to `out` (a file, or a buffer for a file message); rows per sheet. */
export async function writeLedger(w: Work, scope: LedgerScope, month: string, out: Writable, o?: LedgerOptions): Promise<Record<string, number>> {
  const period = monthPeriod(month)
  if (!period) throw new AppError('EXPORT_MONTH', `bad month ${month}`, t.badMonth(month))
  const sheets = (await ledgerSheets(w, scope, period, o)).map((s) => ({ ...s, title: t.sheetTitle(scope.root.name, period.label, s.name, w.now) }))
  await writeLedgerSheets(sheets, out)
  return Object.fromEntries(sheets.map((s) => [s.name, s.rows.length]))
}

/** The month's 台账 of a scope as bytes (what `#导出 台账` keeps in the media store and sends). */
export async function ledgerBytes(w: Work, scope: LedgerScope, month: string, o?: LedgerOptions): Promise<{ bytes: Buffer; rows: Record<string, number> }> {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  sink.on('data', (c: Buffer) => chunks.push(c))
  const rows = await writeLedger(w, scope, month, sink, o)
  await finished(sink)
  return { bytes: Buffer.concat(chunks), rows }
}

/** The CLI's entry: the whole district's month, written to a file. */
export async function exportLedger(db: Db, a: { district?: string; month: string; file: string; now?: Date }) {
  const names = await orgRepo.districtNames(db)
  const district = a.district ?? (names.length === 1 ? (names[0] ?? '') : '')
  if (!district) throw new AppError('EXPORT_DISTRICT', 'which district', t.whichDistrict(names))
  return inTransaction(db, (tx) => exportLedgerMonth({ db: tx, effects: new Effects(), now: a.now ?? new Date() }, { ...a, district }), {
    timeoutMs: 300_000,
  })
}

export async function exportLedgerMonth(
  w: Work,
  a: { district: string; month: string; file: string },
): Promise<{ rows: Record<string, number>; file: string }> {
  if (!monthPeriod(a.month)) throw new AppError('EXPORT_MONTH', `bad month ${a.month}`, t.badMonth(a.month))
  const district = await orgRepo.findDistrict(w.db, a.district)
  if (!district) throw new AppError('EXPORT_DISTRICT', `no district ${a.district}`, t.noDistrict(a.district))
  const rows = await writeLedger(w, { districtId: district.id, root: district }, a.month, createWriteStream(a.file))
  return { rows, file: a.file }
}
