// #通知 状态 [B5] [单位] [未确认] [第N页] (issue #23): one message of at most ~800 characters at any scale. Totals, the
// groups waiting on a down account, then one line per direct child unit of the asker's unit (or of the unit named),
// unacknowledged children first; a notice to a dozen groups or fewer lists its groups instead. 未确认 pages the
// unacknowledged groups. The counting is pure (notice-tally.ts); this file reads the rows into a view
// (notice-status.types.ts) that notice-status.texts.ts renders.
import { textFor } from '../../kernel/org/visibility.ts'
import { UsageError } from '../../core/errors.ts'
import { refuse } from './notice-rules.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type MemberWithUnit, type Room, type Unit } from '../../kernel/org/org.types.ts'
import { isAtOrAbove } from '../../kernel/org/authority.ts'
import type { Work } from '../../kernel/work.ts'
import { noticeOrgRepo, noticeRepo } from './notice.repo.ts'
import { noticeTexts } from './notice.texts.ts'
import type { DeliveryStatus, NoticeDelivery, StoredPlan } from './notice.types.ts'
import { isDown, tallyByChild, totals, unacknowledgedPage, within, type TallyRow } from './notice-tally.ts'
import type { NoticeStatusView, StatusHead, StatusRoomLine } from './notice-status.types.ts'
import { unitNamed } from '../../kernel/org/org.service.ts'

export interface StatusQuery {
  number: number | null
  /** Drill into this unit (the asker's own or below). */
  unit: string | null
  unacked: boolean
  page: number
}

/** At most this many groups: listed one by one (as before issue #23) instead of per child unit. */
export const ROOM_LINES = 12
/** Unacknowledged groups per page. */
export const PAGE_SIZE = 20

type Row = TallyRow & { d: NoticeDelivery & { ackNote?: string | null } }
const ORDER: Record<DeliveryStatus, number> = { failed: 0, queued: 1, sent: 2, acknowledged: 3 }

async function visibleNotice(w: Work, room: Room & { unit: Unit }, member: MemberWithUnit, number: number | null) {
  const notice = number === null ? await noticeRepo.latestFromRoom(w.db, room.id) : await noticeRepo.byNumber(w.db, districtOf(room.unit), number)
  if (!notice) throw refuse('NOTICE_NOT_FOUND', number === null ? noticeTexts.noneYet() : noticeTexts.notFound(number))
  const unit = await orgRepo.unitById(w.db, notice.unitId)
  if (!unit || !isAtOrAbove(member.unit, unit)) throw refuse('NOTICE_NOT_VISIBLE', noticeTexts.notVisible(notice.number))
  return notice
}

/** The unit the reply is about: the asking room's, or one named in its subtree. */
async function baseUnit(w: Work, room: Room & { unit: Unit }, name: string | null): Promise<Unit> {
  if (!name) return room.unit
  const unit = await unitNamed(w, room, name)
  if (!unit) throw new UsageError(noticeTexts.noUnit(name))
  if (!isAtOrAbove(room.unit, unit as Unit)) throw refuse('NOTICE_NOT_VISIBLE', noticeTexts.unitNotBelow(name))
  return unit as Unit
}

export async function noticeStatus(w: Work, who: { member: MemberWithUnit; room: Room & { unit: Unit } }, q: StatusQuery): Promise<NoticeStatusView> {
  const notice = await visibleNotice(w, who.room, who.member, q.number)
  const base = await baseUnit(w, who.room, q.unit)
  const deliveries = await noticeRepo.deliveries(w.db, notice.id)
  const rooms = new Map(
    (
      await noticeOrgRepo.roomsByIds(
        w.db,
        deliveries.map((d) => d.roomId),
      )
    ).map((r) => [r.id, r]),
  )
  const down = new Set((await orgRepo.accounts(w.db)).filter((a) => isDown(a.state)).map((a) => a.id))
  const all: Row[] = deliveries.map((d) => {
    const r = rooms.get(d.roomId)
    return {
      roomId: d.roomId,
      topic: r?.topic ?? `#${d.roomId}`,
      unitId: d.unitId,
      unitPath: r?.unit.path ?? '',
      status: d.status,
      waiting: (d.status === 'queued' || d.status === 'failed') && down.has(d.accountId),
      d,
    }
  })
  const rows = within(all, base.path)
  // Read from a group above the sending unit, the notice's words are masked like every record leaving its unit.
  const head = { notice: { ...notice, text: textFor(who.room.unitId, notice.unitId, notice.text) }, plan: (notice.plan as StoredPlan | null) ?? null }
  const scope = q.unit ? base.name : ''
  if (q.unacked) return unackedView(q, scope || base.name, rows, head)
  const waiting = rows.filter((r) => r.waiting)
  const summary = {
    ...head,
    tally: totals(rows),
    scope,
    waiting: waiting.length
      ? { topics: waiting.slice(0, 5).map((r) => r.topic), total: waiting.length, accounts: [...new Set(waiting.map((r) => r.d.accountId))] }
      : null,
  }
  if (rows.length <= ROOM_LINES) return { kind: 'rooms', ...summary, rooms: roomLines(rows, who.room.unitId) }
  const tallies = tallyByChild(rows, base.path)
  const names = new Map(
    (
      await noticeOrgRepo.unitsByIds(
        w.db,
        tallies.flatMap((c) => (c.unitId ? [c.unitId] : [])),
      )
    ).map((u) => [u.id, u.name]),
  )
  const children = tallies.map((c) => ({ name: c.unitId === null ? null : (names.get(c.unitId) ?? `#${c.unitId}`), tally: c }))
  return { kind: 'children', ...summary, baseName: base.name, children }
}

/** Today's per-group lines (a small notice): unacknowledged first; a note said in a grid is masked when read above. */
function roomLines(rows: Row[], askerUnitId: number): StatusRoomLine[] {
  return [...rows]
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.roomId - b.roomId)
    .map((r) => roomLine(r, { ...r.d, ackNote: r.d.ackNote && textFor(askerUnitId, r.unitId, r.d.ackNote) }))
}

const roomLine = (r: Row, d: Row['d']): StatusRoomLine => (r.waiting ? { topic: r.topic, waitingFor: r.d.accountId } : { topic: r.topic, status: r.status, d })

function unackedView(q: StatusQuery, scope: string, rows: Row[], head: StatusHead): NoticeStatusView {
  const page = unacknowledgedPage(rows, q.page, PAGE_SIZE)
  return {
    kind: 'unacked',
    ...head,
    scope,
    total: page.total,
    page: page.page,
    pages: page.pages,
    rooms: page.rows.map((r) => roomLine(r, r.d)),
    next: page.page < page.pages ? { unit: q.unit, page: page.page + 1 } : null,
  }
}
