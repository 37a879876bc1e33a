// Putting a report in front of the people who handle it: the handling unit's groups get the report (text, images,
// location) @-ing its cadres, an urgent one is posted to the unit above at once, and the escalation cycle starts.
// Posts leave the reporting unit's group masked. Used when a report is made, passed on after screening, and when a
// held duplicate question ends with "new".
import { jobId } from '../../core/ids.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Member, Room, Unit } from '../../kernel/org/org.types.ts'
import { imageToRoom, toRoom } from '../../kernel/org/room-message.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import type { TaskPolicy } from '../../kernel/policy/policy.ts'
import { escalationDueAt } from '../../kernel/escalation/schedule.ts'
import { clockOf, type ClockItem } from '../../kernel/escalation/clock.ts'
import { categoryOf } from './hazard-categories.ts'
import type { Work } from '../../kernel/work.ts'
import { hazardRepo } from './hazard.repo.ts'
import { hazardTexts } from './hazard.texts.ts'
import type { Hazard } from './hazard.types.ts'

/** Who is @-ed to take a report on in a unit: its cadres, else its supervisors. */
export async function handlersOf(w: Work, unitId: number): Promise<Member[]> {
  const cadres = await orgRepo.membersIn(w.db, [unitId], ['grid_cadre'])
  return cadres.length ? cadres : orgRepo.membersIn(w.db, [unitId], ['supervisor'])
}

/** A report as its clock sees it: its category and priority (the category's pace in policy `escalation.hazards`). */
export const hazardClockItem = (h: Pick<Hazard, 'priority' | 'category'>): ClockItem => ({
  kind: 'hazard',
  category: categoryOf(h.category) ?? 'other',
  urgent: h.priority === 'urgent',
})

/** The fields that start a new cycle of escalation for an unacknowledged report, its first step scheduled. */
export function escalationCycle(w: Work, h: Pick<Hazard, 'id' | 'escalationCycle' | 'priority' | 'category'>, policy: TaskPolicy) {
  const cycle = h.escalationCycle + 1
  const clock = clockOf(hazardClockItem(h), policy)
  const nextEscalationAt = escalationDueAt({ kind: 'unclaimed', base: w.now, level: 0, lastAt: null, clock, quietHours: policy.quietHours })
  w.effects.schedule({ kind: 'hazard_escalate', subjectId: h.id, cycle, step: 0, dueAt: nextEscalationAt })
  return {
    escalationCycle: cycle,
    escalationLevel: -1,
    escalationBase: w.now,
    lastEscalatedAt: null,
    nextEscalationAt,
    escalatedRoomIds: [] as number[],
    nextVerifyAt: null,
    nextDuplicateAt: null,
  }
}

/**
 * Posts a report to the groups of the unit handling it (all but `exceptRoomId`, where the reporter hears the
 * reply), with its images; an urgent one also to the unit above. `screening`: a resident's report shown to its
 * grid's cadres first. Returns who was @-ed (for a reply in the handling group itself).
 */
export async function postReport(
  w: Work,
  h: Hazard,
  a: { handling: Unit; reportUnit: Unit; target: Unit; screening: boolean; images: string[]; exceptRoomId: number | null; key: string },
): Promise<Member[]> {
  const who = await handlersOf(w, a.handling.id)
  const rooms = await orgRepo.roomsOfUnit(w.db, a.handling.id)
  const raw = a.screening
    ? hazardTexts.screeningPost(h, { reporter: h.reporterName, unitName: a.target.name })
    : hazardTexts.routedPost(h, { from: a.reportUnit.name, reporter: h.reporterName })
  const urgent = h.priority === 'urgent'
  for (const room of rooms) {
    if (room.id === a.exceptRoomId) continue
    postTo(w, room, textFor(room.unitId, h.reportUnitId, raw), who, urgent, a.images, jobId('hz', a.key, h.id, room.id))
  }
  if (urgent && !a.screening && a.handling.parentId) {
    const sups = await orgRepo.membersIn(w.db, [a.handling.parentId], ['supervisor'])
    for (const room of await orgRepo.roomsOfUnit(w.db, a.handling.parentId)) {
      const text = textFor(room.unitId, h.reportUnitId, hazardTexts.urgentParentPost(h, a.handling.name))
      w.effects.post(
        toRoom(
          room,
          text,
          sups.map((s) => s.wxid),
          true,
        ),
        jobId('hz-urgent', a.key, h.id, room.id),
      )
    }
  }
  return who
}

function postTo(w: Work, room: Room, text: string, who: Member[], urgent: boolean, images: string[], key: string) {
  w.effects.post(
    toRoom(
      room,
      text,
      who.map((m) => m.wxid),
      urgent,
    ),
    key,
  )
  images.forEach((ref, i) => void w.effects.post(imageToRoom(room, ref), jobId(key, 'img', i)))
}

/** Images that reached a report after it was posted: forwarded to the handling unit's groups (not the reporter's). */
export async function forwardImages(w: Work, h: Hazard, refs: string[], key: string) {
  for (const room of await orgRepo.roomsOfUnit(w.db, h.unitId)) {
    if (room.id === h.reportRoomId) continue
    refs.forEach((ref, i) => void w.effects.post(imageToRoom(room, ref), jobId('hz-img', key, room.id, i)))
  }
}

/** A location that reached a report after it was posted. */
export async function forwardLocation(w: Work, h: Hazard, key: string) {
  for (const room of await orgRepo.roomsOfUnit(w.db, h.unitId)) {
    if (room.id === h.reportRoomId) continue
    w.effects.post(toRoom(room, textFor(room.unitId, h.reportUnitId, hazardTexts.locationPost(h))), jobId('hz-loc', key, room.id))
  }
}

/** Everyone told of each change (the reporter, reporters of merged duplicates): @-ed in their own group. Those in
 *  `inRoomId` (where the command was typed) are returned instead, for the reply to @. */
export async function tellSubscribers(
  w: Work,
  h: Pick<Hazard, 'id' | 'reportUnitId'>,
  text: string,
  key: string,
  inRoomId: number | null,
  exceptWxid?: string,
) {
  const here: string[] = []
  const subs = (await hazardRepo.subscribers(w.db, h.id)).filter((s) => s.wxid !== exceptWxid)
  const rooms = new Map((await orgRepo.roomsByIds(w.db, [...new Set(subs.map((s) => s.roomId))])).map((r) => [r.id, r]))
  const byRoom = new Map<number, string[]>()
  for (const s of subs) {
    if (s.roomId === inRoomId) here.push(s.wxid)
    else byRoom.set(s.roomId, [...(byRoom.get(s.roomId) ?? []), s.wxid])
  }
  for (const [roomId, wxids] of byRoom) {
    const room = rooms.get(roomId)
    if (room) w.effects.post(toRoom(room, textFor(room.unitId, h.reportUnitId, text), wxids), jobId('hz-tell', key, h.id, roomId))
  }
  return here
}

/** Groups an escalation reached (beyond the reply's own) hear that the report was taken on or settled. */
export async function tellReached(w: Work, h: Pick<Hazard, 'id' | 'escalatedRoomIds' | 'reportUnitId'>, text: string, key: string, exceptRoomId: number) {
  const rooms = await orgRepo.roomsByIds(
    w.db,
    h.escalatedRoomIds.filter((id) => id !== exceptRoomId),
  )
  for (const room of rooms) w.effects.post(toRoom(room, textFor(room.unitId, h.reportUnitId, text)), jobId('hz-reached', key, h.id, room.id))
}
