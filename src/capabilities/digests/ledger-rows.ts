// The 台账's rows, pure: records (as the ledger repository reads them) to cells, one row per record. Texts about a
// unit's records are masked unless the reader is that unit (textFor); a resident reporter is not named.
import type { ActivityLedgerRow, CheckinLedgerRow } from './ledger.repo.ts'
import { isoLocal } from '../../core/local-time.ts'
import { kindLabel, type CheckinKind } from '../../kernel/texts/checkin-kinds.texts.ts'
import { HAZARD_STATUS_LABEL, categoryLabel } from '../hazards/hazard.texts.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { formatPoints, entryRef } from '../points/points-rules.ts'
import { ledgerTexts as pointsTexts, SOURCE_LABEL } from '../points/points.texts.ts'
import { STATUS_LABEL } from '../tasks/task.texts.ts'
import type { Cell } from './ledger-writer.ts'
import { ledgerTexts as t } from './ledger.texts.ts'

/** Who reads (the unit whose group asked, or the district), and the names rows refer to. */
export interface LedgerNames {
  reader: number
  units: Map<number, string>
  members: Map<number, string>
}

/** 2026-11-20 09:00 (China time): a ledger row carries its year. */
const stamp = (d: Date) => isoLocal(d).slice(0, 16).replace('T', ' ')
const when = (d: Date | null) => (d ? stamp(d) : '')
const unitName = (n: LedgerNames, id: number | null) => (id === null ? '' : (n.units.get(id) ?? ''))
const person = (n: LedgerNames, id: number | null) => (id === null ? '' : (n.members.get(id) ?? ''))
const masked = (n: LedgerNames, unitId: number, text: string | null) => (text ? textFor(n.reader, unitId, text) : '')

export const checkinRows = (rows: CheckinLedgerRow[], n: LedgerNames): Cell[][] =>
  rows.map((c) => [stamp(c.at), c.unitName, c.memberName, kindLabel(c.type), c.households ?? '', masked(n, c.unitId, c.note), masked(n, c.unitId, c.address)])

/**
 * 签到汇总: one row per unit (in the order the sheet 签到 meets them) with its check-ins per kind — the scope's kinds in
 * their order, then any kind it no longer lists — and the total; a last row of totals.
 */
export function checkinSummary(rows: CheckinLedgerRow[], kinds: readonly CheckinKind[]): { headers: string[]; rows: Cell[][] } {
  const codes = [...new Set([...kinds.map((k) => k.code), ...rows.map((r) => r.type)])]
  const byUnit = new Map<string, Map<string, number>>()
  for (const r of rows) {
    const unit = byUnit.get(r.unitName) ?? new Map<string, number>()
    unit.set(r.type, (unit.get(r.type) ?? 0) + 1)
    byUnit.set(r.unitName, unit)
  }
  const line = (name: string, n: Map<string, number>): Cell[] => [name, ...codes.map((c) => n.get(c) ?? 0), [...n.values()].reduce((s, x) => s + x, 0)]
  const all = new Map<string, number>()
  for (const r of rows) all.set(r.type, (all.get(r.type) ?? 0) + 1)
  return {
    headers: [t.summaryUnit, ...codes.map((c) => kindLabel(c, kinds)), t.summaryTotal],
    rows: [...[...byUnit].map(([name, n]) => line(name, n)), line(t.summaryTotal, all)],
  }
}

export const taskRows = (
  rows: {
    number: number
    title: string
    unitId: number
    priority: string
    status: keyof typeof STATUS_LABEL
    creatorId: number
    holderId: number | null
    createdAt: Date
    deadline: Date | null
    claimedAt: Date | null
    closedAt: Date | null
    result: string | null
  }[],
  n: LedgerNames,
): Cell[][] =>
  rows.map((x) => [
    `T${x.number}`,
    masked(n, x.unitId, x.title),
    unitName(n, x.unitId),
    x.priority === 'urgent' ? t.urgent : t.normal,
    STATUS_LABEL[x.status],
    person(n, x.creatorId),
    person(n, x.holderId),
    when(x.createdAt),
    when(x.deadline),
    when(x.claimedAt),
    when(x.closedAt),
    masked(n, x.unitId, x.result),
  ])

export const hazardRows = (
  rows: {
    number: number
    category: string
    description: string
    address: string | null
    reportUnitId: number
    unitId: number
    reporterMemberId: number | null
    reporterName: string
    status: keyof typeof HAZARD_STATUS_LABEL
    createdAt: Date
    acknowledgedAt: Date | null
    resolvedAt: Date | null
    closedAt: Date | null
    reportCount: number
  }[],
  n: LedgerNames,
): Cell[][] =>
  rows.map((x) => [
    `H${x.number}`,
    categoryLabel(x.category),
    masked(n, x.reportUnitId, x.description),
    masked(n, x.reportUnitId, x.address),
    unitName(n, x.reportUnitId),
    unitName(n, x.unitId),
    x.reporterMemberId ? x.reporterName : t.resident,
    HAZARD_STATUS_LABEL[x.status],
    when(x.createdAt),
    when(x.acknowledgedAt),
    when(x.resolvedAt),
    when(x.closedAt),
    x.reportCount,
  ])

export const hoursRows = (
  rows: {
    number: number
    memberId: number
    unitId: number
    activity: string
    minutes: number
    day: Date
    status: string
    reviewerId: number | null
    reviewedAt: Date | null
  }[],
  n: LedgerNames,
): Cell[][] =>
  rows.map((x) => [
    `V${x.number}`,
    person(n, x.memberId),
    unitName(n, x.unitId),
    masked(n, x.unitId, x.activity),
    Math.round((x.minutes / 60) * 100) / 100,
    isoLocal(x.day).slice(0, 10),
    t.hoursStatus[x.status] ?? x.status,
    person(n, x.reviewerId),
    when(x.reviewedAt),
  ])

export const pointsRows = (
  rows: {
    at: Date
    member: string
    unit: string
    unitId: number
    source: string
    ref: string
    reversedRef: string | null
    centi: number
    reason: string | null
    /** What the entry did to what its member owes (待抵扣), when anything. */
    owed?: { paidOwed: number; owedAdded: number }
  }[],
  n: LedgerNames,
): Cell[][] =>
  rows.map((e) => [
    stamp(new Date(e.at)),
    e.member,
    e.unit,
    SOURCE_LABEL[e.source] ?? e.source,
    entryRef(e),
    Number(formatPoints(e.centi)),
    [e.source === 'correction' ? masked(n, e.unitId, e.reason) : (e.reason ?? ''), e.owed ? pointsTexts.owedExportNote(e.owed) : ''].filter(Boolean).join(';'),
  ])

/** 活动: one row per activity; hours are the attendances' total once closed. Names and places masked like the rest. */
export const activityRows = (rows: ActivityLedgerRow[], n: LedgerNames): Cell[][] =>
  rows.map((x) => [
    `A${x.number}`,
    masked(n, x.unitId, x.name),
    unitName(n, x.unitId),
    x.kind,
    x.team ?? '',
    stamp(x.startsAt),
    masked(n, x.unitId, x.place),
    x.capacity ?? '',
    x.signups,
    x.attended,
    x.late,
    x.absent,
    x.status === 'closed' ? Math.round(((x.attended * (x.minutes ?? 0)) / 60) * 100) / 100 : 0,
    x.photos,
    t.activityStatus[x.status] ?? x.status,
  ])
