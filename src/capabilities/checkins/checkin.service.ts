// 签到: recording patrols, home visits, meetings and services; undo within a window; attaching a location.
import type { Unit } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import type { CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'
import { refuser } from '../../core/errors.ts'
import { startOfLocalDay, startOfLocalMonth } from '../../core/time.ts'
import { checkinRepo, type CheckinReply, type NewCheckin } from './checkin.repo.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { checkinTexts } from './checkin.texts.ts'
import { CHECKIN_UNDO_WINDOW_MS } from '../../kernel/time/undo-window.ts'

export const UNDO_WINDOW_MS = CHECKIN_UNDO_WINDOW_MS
export const LOCATION_WINDOW_MS = 5 * 60_000
const DAY_MS = 86_400_000

/** Every refusal check-ins answer with (tests assert these; checkin.texts.ts words them). */
export type CheckinRefusalCode = 'CHECKIN_UNDO_NONE' | 'CHECKIN_UNDO_RACE'
const refuse = refuser<CheckinRefusalCode>('checkin')

export type CheckinInput = NewCheckin

/** Records a check-in and marks its message handled in one statement; null when the message was handled before. */
/**
 * Records a check-in, marks its message handled and writes its confirmation, in one statement (the hot path);
 * null when the message was handled before. `reply.template` gets the day's counts (mine, the unit's) filled in.
 */
export async function recordCheckin(
  w: Work,
  input: Omit<CheckinInput, 'at'>,
  inbox: { conversation: string; payload: unknown; messageAt?: Date } | null,
  reply: CheckinReply | null,
) {
  const dayStart = startOfLocalDay(w.now)
  return checkinRepo.recordOnce(w.db, { ...input, at: w.now }, dayStart, new Date(dayStart.getTime() + DAY_MS), inbox, reply)
}

export async function undoLastCheckin(w: Work, memberId: number) {
  const last = await checkinRepo.latestByMember(w.db, memberId, new Date(w.now.getTime() - UNDO_WINDOW_MS))
  if (!last) throw refuse('CHECKIN_UNDO_NONE', checkinTexts.undoNone)
  const { count } = await checkinRepo.revoke(w.db, last.id, w.now)
  if (count === 0) throw refuse('CHECKIN_UNDO_RACE', checkinTexts.undoRace)
  return last
}

/** An image someone sent in a room: kept, so a report (a hazard, a task just completed) can use it as evidence. */
export async function recordMedia(w: Work, m: { memberId: number | null; wxid: string; roomId: number; accountId: string; messageId: string; path: string }) {
  await checkinRepo.recordMedia(w.db, { ...m, kind: 'image', at: w.now })
}

/** When the member last checked in in this room, if within the location window (0: not). */
export async function recentCheckinAt(w: Work, memberId: number, roomId: number): Promise<number> {
  return (await checkinRepo.latestByMember(w.db, memberId, new Date(w.now.getTime() - LOCATION_WINDOW_MS), roomId))?.at.getTime() ?? 0
}

/** A location sent soon after a check-in belongs to it. Returns null when there is none to attach to. */
export async function attachLocation(w: Work, memberId: number, roomId: number, loc: { latitude: number; longitude: number; address: string }) {
  const last = await checkinRepo.latestByMember(w.db, memberId, new Date(w.now.getTime() - LOCATION_WINDOW_MS), roomId)
  if (!last) return null
  return checkinRepo.attachLocation(w.db, { id: last.id, at: last.at }, loc)
}

export async function memberSummary(w: Work, memberId: number) {
  const { db, now } = w
  const dayStart = startOfLocalDay(now)
  const [today, month] = await Promise.all([
    checkinRepo.countByMember(db, memberId, dayStart, new Date(dayStart.getTime() + DAY_MS)),
    checkinRepo.countByMember(db, memberId, startOfLocalMonth(now), new Date(dayStart.getTime() + DAY_MS)),
  ])
  return { today, month }
}

export type TodayReport =
  | {
      kind: 'list'
      unit: Unit
      items: { at: Date; name: string; type: CheckinType; households: number | null; note: string | null; address: string | null }[]
      total: number
    }
  | { kind: 'children'; unit: Unit; rows: { unit: Unit; count: number; households: number }[]; own: number; byType: Map<CheckinType, number> }

const LIST_LIMIT = 50

/** 今日: a grid lists its check-ins; a unit with children shows one line per child (its whole subtree). */
export async function todayReport(w: Work, unit: Unit): Promise<TodayReport> {
  const { db, now } = w
  const from = startOfLocalDay(now)
  const to = new Date(from.getTime() + DAY_MS)
  const children = await orgRepo.children(db, unit.id)
  if (children.length === 0) {
    const [items, total] = await Promise.all([checkinRepo.listForUnit(db, unit.id, from, to, LIST_LIMIT), checkinRepo.countByUnit(db, unit.id, from, to)])
    return {
      kind: 'list',
      unit,
      total,
      items: items.map((c) => ({ at: c.at, name: c.member.name, type: c.type, households: c.households, note: c.note, address: c.address })),
    }
  }
  const counts = await checkinRepo.countsUnderPath(db, unit.path, from, to)
  const pathOf = new Map<number, string>()
  for (const u of await orgRepo.unitPaths(
    db,
    counts.map((c) => c.unitId),
  ))
    pathOf.set(u.id, u.path)
  const rows = children.map((child) => ({ unit: child, count: 0, households: 0 }))
  let own = 0
  const byType = new Map<CheckinType, number>()
  for (const c of counts) {
    byType.set(c.type, (byType.get(c.type) ?? 0) + c.count)
    const p = pathOf.get(c.unitId) ?? ''
    const row = rows.find((r) => p.startsWith(r.unit.path))
    if (row) {
      row.count += c.count
      row.households += c.households
    } else own += c.count
  }
  return { kind: 'children', unit, rows, own, byType }
}
