// 安全隐患: reporting (category, routing, duplicates), then 受理 → 处置 → 办结 → 核实 or 重办, #同 / #不同, images and
// locations attached, the list and the record. Who may do what is the transition table (hazard-rules.ts); each change
// is one conditional update plus an event row; messages and timers are effects released after commit.
import { refuser } from '../../core/errors.ts'
import { must } from '../../core/must.ts'
import { jobId } from '../../core/ids.ts'
import { refInRange } from '../../parser/refs.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type BoundRoom, type MemberWithUnit, type Room, type Unit } from '../../kernel/org/org.types.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { isAtOrAbove, isSupervisorOver } from '../../kernel/org/authority.ts'
import type { Work } from '../../kernel/work.ts'
import { findDuplicate, type DuplicateMatch } from './duplicates.ts'
import type { ExportRecord } from './hazard-export.ts'
import { recogniseCategory } from './hazard-categories.ts'
import { decideHazard, hazardRelations, routeTarget, type HazardAction, type HazardRefusal } from './hazard-rules.ts'
import {
  escalationCycle,
  forwardImages,
  forwardLocation,
  handlersOf,
  hazardClockItem,
  postReport,
  tellReached,
  tellSubscribers,
} from './hazard-routing.service.ts'
import { clockOf } from '../../kernel/escalation/clock.ts'
import { deferQuiet } from '../../kernel/escalation/quiet-hours.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import { hazardRepo } from './hazard.repo.ts'
import { hazardChanged, hazardVerified } from './hazard-events.ts'
import { hazardId, hazardRefusal, hazardTexts } from './hazard.texts.ts'
import { MERGEABLE_INTO, OPEN_STATUSES, type Hazard, type HazardCategory, type HazardStatus } from './hazard.types.ts'
import { clip } from '../../core/text.ts'
import { MAX_COMMAND_TEXT } from '../../parser/command.ts'
import { recordDistrict } from '../../kernel/org/city-refs.ts'

/** One command's work on hazards: who (a member, or a resident known only by contact id), where, which message. */
export interface HazardOp extends Work {
  wxid: string
  name: string
  member: MemberWithUnit | null
  room: BoundRoom
  accountId: string
  messageId: string
}

export interface HazardRef {
  number: number
  label: string
}

/** Images and locations this close to a report (same person, same group) belong to it. */
export const ATTACH_WINDOW_MS = 5 * 60_000
/** How long a duplicate question waits for #同 / #不同 before the report goes on as new. */
export const DUPLICATE_WAIT_MS = 10 * 60_000
/** Longer descriptions, results and notes are kept to this many characters (the reply says so). */
/** The whole text is kept (issue #29): the limit of a command (2,000 characters) is the only limit. */
export const MAX_DESCRIPTION = MAX_COMMAND_TEXT
const MAX_TEXT = MAX_DESCRIPTION

/** Every refusal hazard answers with (tests assert these; its texts module words them). */
export type HazardRefusalCode =
  | HazardRefusal
  | 'DISTRICT_UNKNOWN'
  | 'HAZARD_CHANGED'
  | 'HAZARD_GUEST_NOT_GRID'
  | 'HAZARD_NOT_SUGGESTED'
  | 'HAZARD_NOT_VISIBLE'
  | 'HAZARD_NO_QUESTION'
  | 'HAZARD_UNKNOWN'
const refuse = refuser<HazardRefusalCode>('hazard')
const minus = (d: Date, ms: number) => new Date(d.getTime() - ms)

/** A report with its units; `subscribed`: the sender reported the same thing and had it merged in. */
type HazardInUnit = Hazard & { unit: Unit; reportUnit: Unit; subscribed?: boolean }

/** A report by its id, if the sender may see it: the reporting unit and those above, and its reporter. */
export async function findHazard(op: Pick<HazardOp, 'db' | 'member' | 'wxid' | 'room' | 'namedDistrict'>, ref: HazardRef): Promise<HazardInUnit> {
  const h = refInRange(ref.number) ? await hazardRepo.byNumber(op.db, recordDistrict(op, op.room.unit), ref.number) : null
  if (!h) throw refuse('HAZARD_UNKNOWN', hazardTexts.unknown(ref.label))
  const [unit, reportUnit] = await Promise.all([orgRepo.unitById(op.db, h.unitId), orgRepo.unitById(op.db, h.reportUnitId)])
  if (!unit || !reportUnit) throw refuse('HAZARD_UNKNOWN', hazardTexts.unknown(ref.label))
  const subscribed = h.reporterWxid !== op.wxid && (await hazardRepo.isSubscriber(op.db, h.id, op.wxid))
  const sees = h.reporterWxid === op.wxid || subscribed || (op.member && isAtOrAbove(op.member.unit, reportUnit))
  // A resident has no 单位: what they may see is their own reports.
  if (!sees) throw refuse('HAZARD_NOT_VISIBLE', op.member ? hazardTexts.notVisible(ref.label) : hazardTexts.notYourReport(ref.label))
  return { ...h, unit, reportUnit, subscribed }
}

async function authorize(op: HazardOp, h: HazardInUnit, action: HazardAction): Promise<HazardStatus> {
  const relations = hazardRelations({ wxid: op.wxid, member: op.member, subscribed: h.subscribed }, h, h.unit)
  const selfVerify = action === 'verify' && relations.has('resolver') ? (await unitContext(op.db, h.unit)).policy.hazards.selfVerify : false
  const d = decideHazard(h.status, action, relations, selfVerify)
  if (d.ok) return d.to
  throw refuse(d.code, hazardRefusal(d.code, action, h, h.unit.name))
}

/** Applies a change only while the report is as it was read (status, timer cycle): someone may have been first. */
async function change(op: Work, h: Hazard, data: Parameters<typeof hazardRepo.transition>[3]) {
  const ok = await hazardRepo.transition(op.db, h.id, { status: h.status, escalationCycle: h.escalationCycle }, { ...data, updatedAt: op.now })
  if (!ok) throw refuse('HAZARD_CHANGED', hazardTexts.changed(h))
}

async function event(op: HazardOp, h: Pick<Hazard, 'id'>, kind: string, from: HazardStatus | null, to: HazardStatus | null, note?: string | null) {
  await hazardRepo.addEvent(op.db, {
    hazardId: h.id,
    at: op.now,
    kind,
    actorId: op.member?.id ?? null,
    actorWxid: op.wxid,
    roomId: op.room.id,
    fromStatus: from,
    toStatus: to,
    note: note ?? null,
  })
}

const stopped = { nextEscalationAt: null, nextVerifyAt: null, nextDuplicateAt: null }

export interface NewHazard {
  description: string
  category: HazardCategory | null
  urgent: boolean
}

/** A report that may repeat an open one: the question is asked (an urgent report is routed meanwhile). */
export interface PossibleDuplicate {
  hazard: Hazard
  match: DuplicateMatch
}

export type ReportOutcome =
  | {
      kind: 'routed'
      hazard: Hazard
      target: Unit
      images: number
      mentionIds: string[]
      periodMs: number
      duplicate: PossibleDuplicate | null
      clipped: boolean
    }
  | { kind: 'screening'; hazard: Hazard; target: Unit; images: number; duplicate: PossibleDuplicate | null; clipped: boolean }
  | { kind: 'held'; hazard: Hazard; duplicate: PossibleDuplicate; clipped: boolean }

/** #隐患: records the report, with the images its reporter sent in the last minutes, and routes it (or asks first
 *  whether it repeats an open one; an urgent report is never held for the question). */
export async function reportHazard(op: HazardOp, input: NewHazard): Promise<ReportOutcome> {
  const reportUnit = op.room.unit
  if (!op.member && reportUnit.kind !== 'grid') throw refuse('HAZARD_GUEST_NOT_GRID', hazardTexts.guestOnlyInGrid())
  const ctx = await unitContext(op.db, reportUnit)
  const policy = ctx.policy.hazards
  const category = input.category ?? recogniseCategory(input.description)
  const target = routeTarget(ctx.chain, policy.routing[category])
  const screening = !op.member && target.id !== reportUnit.id
  const candidates = await hazardRepo.duplicateCandidates(op.db, target.id, category, minus(op.now, policy.duplicateWindowMs), 0, MERGEABLE_INTO)
  const match = findDuplicate({ description: input.description, latitude: null, longitude: null }, candidates, policy)
  const hold = !!match && !input.urgent
  const district = districtOf(reportUnit)
  const description = clip(input.description, MAX_TEXT)
  const h = await hazardRepo.create(op.db, {
    districtId: district,
    number: await hazardRepo.nextNumber(op.db, district),
    reportUnitId: reportUnit.id,
    reportRoomId: op.room.id,
    unitId: screening ? reportUnit.id : target.id,
    targetUnitId: target.id,
    category,
    description: description.text,
    priority: input.urgent ? 'urgent' : 'normal',
    status: hold ? 'pending_duplicate' : screening ? 'screening' : 'reported',
    reporterMemberId: op.member?.id ?? null,
    reporterWxid: op.wxid,
    reporterName: op.member?.name ?? op.name,
    suspectedDuplicateId: match?.id ?? null,
    accountId: op.accountId,
    messageId: op.messageId,
    createdAt: op.now,
    updatedAt: op.now,
  })
  await hazardRepo.subscribe(op.db, { hazardId: h.id, wxid: op.wxid, roomId: op.room.id, name: h.reporterName, at: op.now })
  const images = await hazardRepo.attachMedia(op.db, h.id, 'before', op.wxid, op.room.id, minus(op.now, ATTACH_WINDOW_MS), op.now)
  await event(op, h, 'reported', null, h.status)
  const duplicate = match ? { hazard: must(await hazardRepo.byId(op.db, match.id), 'HAZARD_MISSING'), match } : null
  if (duplicate) await event(op, h, 'held', h.status, h.status, hazardId(duplicate.hazard)) // the candidate matched, read whole
  if (hold && duplicate) {
    const cycle = h.escalationCycle + 1
    const dueAt = new Date(op.now.getTime() + DUPLICATE_WAIT_MS)
    await hazardRepo.transition(op.db, h.id, {}, { escalationCycle: cycle, nextDuplicateAt: dueAt })
    op.effects.schedule({ kind: 'hazard_duplicate', subjectId: h.id, cycle, step: 0, dueAt })
    return { kind: 'held', hazard: h, duplicate, clipped: description.clipped }
  }
  const live = await goLive(op, h, { reportUnit, target, images, key: op.messageId, replyRoomId: op.room.id })
  await hazardChanged(op, 'hazard.reported', live.hazard, live.hazard.status)
  if (screening) return { kind: 'screening', hazard: live.hazard, target, images: images.length, duplicate, clipped: description.clipped }
  return {
    kind: 'routed',
    hazard: live.hazard,
    target,
    images: images.length,
    mentionIds: live.mentionIds,
    periodMs: clockOf(hazardClockItem(h), ctx.policy).periodMs,
    duplicate,
    clipped: description.clipped,
  }
}

/**
 * A report starts being handled: posted to its handling unit (the grid's cadres when screened), its escalation
 * started. `replyRoomId`: the group the reporter hears the reply in (not posted there twice).
 */
export async function goLive(w: Work, h: Hazard, a: { reportUnit: Unit; target: Unit; images: string[]; key: string; replyRoomId: number | null }) {
  const screening = h.status === 'screening'
  const handling = screening ? a.reportUnit : a.target
  const who = await postReport(w, h, {
    handling,
    reportUnit: a.reportUnit,
    target: a.target,
    screening,
    // Screened, the post in the reporting group itself is the cadres' prompt (the reply is the resident's); the
    // resident's images are already there.
    images: screening ? [] : a.images,
    exceptRoomId: screening ? null : a.replyRoomId,
    key: a.key,
  })
  const cycle = escalationCycle(w, h, (await unitContext(w.db, handling)).policy)
  await hazardRepo.transition(w.db, h.id, {}, { ...cycle, unitId: handling.id })
  const handledHere = handling.id === a.reportUnit.id && !screening
  return { hazard: { ...h, ...cycle, unitId: handling.id }, mentionIds: handledHere ? who.map((m) => m.wxid) : [] }
}

/** #受理: takes a report on; from screening it is passed on to the unit its category routes to. */
export async function acknowledgeHazard(op: HazardOp, ref: HazardRef) {
  const h = await findHazard(op, ref)
  const to = await authorize(op, h, 'acknowledge')
  if (h.status === 'screening') {
    const target = must(await orgRepo.unitById(op.db, h.targetUnitId), 'UNIT_MISSING')
    await change(op, h, { status: 'reported', ...stopped })
    await event(op, h, 'forwarded', 'screening', 'reported', target.name)
    await tellReached(op, h, hazardTexts.reachedAcknowledged(h, h.unit.name), `ack-${op.messageId}`, op.room.id)
    const images = (await hazardRepo.media(op.db, h.id)).filter((m) => m.phase === 'before').map((m) => m.path)
    await goLive(
      op,
      { ...h, status: 'reported', escalationCycle: h.escalationCycle + 1 },
      { reportUnit: h.reportUnit, target, images, key: op.messageId, replyRoomId: op.room.id },
    )
    const here = await tellSubscribers(op, h, hazardTexts.notice.forwarded(h, target.name), `fwd-${op.messageId}`, op.room.id)
    return { hazard: h, forwardedTo: target, mentionIds: here }
  }
  await change(op, h, { status: to, acknowledgedAt: op.now, ...stopped, escalationCycle: h.escalationCycle + 1 })
  await event(op, h, 'acknowledged', h.status, to)
  await hazardChanged(op, 'hazard.acknowledged', h, to)
  await tellReached(op, h, hazardTexts.reachedAcknowledged(h, h.unit.name), `ack-${op.messageId}`, op.room.id)
  const by = op.member ? `${op.member.unit.name}${op.member.name}` : h.unit.name
  const here = await tellSubscribers(op, h, hazardTexts.notice.acknowledged(h, by), `ack-${op.messageId}`, op.room.id)
  return { hazard: h, forwardedTo: null, mentionIds: here }
}

/** #处置: records what is being done (acknowledging it implicitly). */
export async function progressHazard(op: HazardOp, ref: HazardRef, note: string) {
  const h = await findHazard(op, ref)
  const to = await authorize(op, h, 'progress')
  await change(op, h, { status: to, acknowledgedAt: h.acknowledgedAt ?? op.now, ...stopped, escalationCycle: h.escalationCycle + 1 })
  await event(op, h, 'progress', h.status, to, clip(note, MAX_TEXT).text)
  if (h.status === 'reported') await tellReached(op, h, hazardTexts.reachedAcknowledged(h, h.unit.name), `prog-${op.messageId}`, op.room.id)
  const here = await tellSubscribers(op, h, hazardTexts.notice.progress(h, clip(note, MAX_TEXT).text), `prog-${op.messageId}`, op.room.id)
  return { hazard: h, mentionIds: here }
}

/** #办结: resolved, waiting for the reporter to verify; images the resolver sent in the last minutes are its after-images. */
export async function resolveHazard(op: HazardOp, ref: HazardRef, result: string) {
  const h = await findHazard(op, ref)
  const to = await authorize(op, h, 'resolve')
  const unitPolicy = (await unitContext(op.db, h.unit)).policy
  const cycle = h.escalationCycle + 1
  // Asking a resident to verify is a normal message: it waits out quiet hours.
  const nextVerifyAt = deferQuiet(new Date(op.now.getTime() + unitPolicy.hazards.verifyReminderMs), false, unitPolicy.quietHours)
  await change(op, h, {
    status: to,
    resolverId: op.member?.id ?? null,
    result: clip(result, MAX_TEXT).text,
    resolvedAt: op.now,
    ...stopped,
    escalationCycle: cycle,
    verifyStep: 0,
    nextVerifyAt,
  })
  op.effects.schedule({ kind: 'hazard_verify', subjectId: h.id, cycle, step: 0, dueAt: nextVerifyAt })
  const after = await hazardRepo.attachMedia(op.db, h.id, 'after', op.wxid, op.room.id, minus(op.now, ATTACH_WINDOW_MS), op.now)
  await event(op, h, 'resolved', h.status, to, clip(result, MAX_TEXT).text || null)
  await hazardChanged(op, 'hazard.resolved', h, to, clip(result, MAX_TEXT).text || null)
  await tellReached(op, h, hazardTexts.reachedResolved(h, h.unit.name), `resolve-${op.messageId}`, op.room.id)
  const here = await tellSubscribers(op, h, hazardTexts.notice.resolved(h, clip(result, MAX_TEXT).text), `resolve-${op.messageId}`, op.room.id)
  return { hazard: h, images: after.length, mentionIds: here }
}

/** #核实: the reporter (or a supervisor) confirms the fix; the report closes. */
export async function verifyHazard(op: HazardOp, ref: HazardRef) {
  const h = await findHazard(op, ref)
  const relations = hazardRelations({ wxid: op.wxid, member: op.member, subscribed: h.subscribed }, h, h.unit)
  const to = await authorize(op, h, 'verify')
  const how = relations.has('reporter') ? 'reporter' : 'supervisor'
  await change(op, h, { status: to, verifiedHow: how, closedAt: op.now, ...stopped, escalationCycle: h.escalationCycle + 1 })
  await event(op, h, 'verified', h.status, to, hazardTexts.verifiedBy[how])
  const notes = await hazardVerified(op, h, to, how)
  const here = await tellSubscribers(op, h, hazardTexts.notice.verified(h, op.member?.name ?? op.name), `verify-${op.messageId}`, op.room.id, op.wxid)
  return { hazard: h, mentionIds: here, verifiedHow: how, notes }
}

/** #重办: not fixed after all; back to the handling unit, whose cadres (and the resolver) are @-ed there. */
export async function reopenHazard(op: HazardOp, ref: HazardRef, reason: string) {
  const h = await findHazard(op, ref)
  const to = await authorize(op, h, 'reopen')
  // Reopened, it waits to be picked up again and climbs the tree meanwhile, as a new report does.
  const cycle = escalationCycle(op, h, (await unitContext(op.db, h.unit)).policy)
  await change(op, h, { status: to, closedAt: null, verifiedHow: null, ...cycle })
  await event(op, h, 'reopened', h.status, to, clip(reason, MAX_TEXT).text || null)
  const notice = hazardTexts.notice.reopened(h, clip(reason, MAX_TEXT).text)
  await tellReached(op, h, notice, `reopen-reached-${op.messageId}`, op.room.id)
  const resolver = h.resolverId ? await orgRepo.membersByIds(op.db, [h.resolverId]) : []
  const cadres = await orgRepo.membersIn(op.db, [h.unitId], ['grid_cadre'])
  const who = [...new Set([...resolver, ...cadres].map((m) => m.wxid))]
  const here: string[] = []
  for (const room of await orgRepo.roomsOfUnit(op.db, h.unitId)) {
    if (room.id === op.room.id) here.push(...who)
    else postToUnitRoom(op, room, h, notice, who, `reopen-${op.messageId}`)
  }
  here.push(...(await tellSubscribers(op, h, notice, `reopen-${op.messageId}`, op.room.id, op.wxid)))
  return { hazard: h, mentionIds: [...new Set(here)] }
}

function postToUnitRoom(op: HazardOp, room: Room, h: Hazard, text: string, who: string[], key: string) {
  op.effects.post(toRoom(room, textFor(room.unitId, h.reportUnitId, text), who), jobId('hz', key, h.id, room.id))
}

/** The sender's report in this group waiting for an answer to a duplicate question (about `suspected`, if named). */
async function awaiting(op: HazardOp, suspected?: HazardRef) {
  const h = await hazardRepo.awaitingAnswer(op.db, op.wxid, op.room.id)
  if (!h?.suspectedDuplicateId) throw refuse('HAZARD_NO_QUESTION', hazardTexts.noQuestion())
  const dup = must(await hazardRepo.byId(op.db, h.suspectedDuplicateId), 'HAZARD_MISSING')
  if (suspected && dup.number !== suspected.number) throw refuse('HAZARD_NOT_SUGGESTED', hazardTexts.notSuggested(suspected.label, hazardId(dup)))
  const [unit, reportUnit] = await Promise.all([orgRepo.unitById(op.db, h.unitId), orgRepo.unitById(op.db, h.reportUnitId)])
  return { h: { ...h, unit: must(unit, 'UNIT_MISSING'), reportUnit: must(reportUnit, 'UNIT_MISSING') }, dup }
}

/** #同 H3: the reporter's new report is the same as H3: merged into it, the reporter hears H3's news from now on. */
export async function mergeHazard(op: HazardOp, into: HazardRef) {
  const { h, dup } = await awaiting(op, into)
  await authorize(op, h, 'merge')
  // Resolved or closed since the question was asked: a repeat of a "fixed" hazard is news, so it goes on as new.
  if (!MERGEABLE_INTO.includes(dup.status)) {
    await keep(op, h)
    return { merged: false as const, hazard: h, into: dup }
  }
  await change(op, h, { status: 'merged', mergedIntoId: dup.id, closedAt: op.now, ...stopped, escalationCycle: h.escalationCycle + 1 })
  await event(op, h, 'merged', h.status, 'merged', hazardId(dup))
  const grown = await hazardRepo.addReport(op.db, dup.id)
  await hazardRepo.subscribe(op.db, { hazardId: dup.id, wxid: op.wxid, roomId: op.room.id, name: h.reporterName, at: op.now })
  await hazardRepo.addEvent(op.db, {
    hazardId: dup.id,
    at: op.now,
    kind: 'merged_in',
    actorId: op.member?.id ?? null,
    actorWxid: op.wxid,
    roomId: op.room.id,
    note: `${hazardId(h)} ${h.reporterName}:${maskPersonalData(h.description)}`,
  })
  // An urgent repeat makes the report urgent: its handlers hear it at once, and its next steps come sooner.
  if (h.priority === 'urgent' && dup.priority !== 'urgent') {
    await hazardRepo.transition(op.db, dup.id, {}, { priority: 'urgent', updatedAt: op.now })
    const who = (await handlersOf(op, dup.unitId)).map((m) => m.wxid)
    for (const room of await orgRepo.roomsOfUnit(op.db, dup.unitId))
      op.effects.post(
        toRoom(room, textFor(room.unitId, h.reportUnitId, hazardTexts.urgentRepeat(dup, h)), who, true),
        jobId('hz-urgent-repeat', op.messageId, dup.id, room.id),
      )
  }
  // What the merged report brought (photos, a location) reaches the handlers of the one it joined.
  // (Unless it was posted to those very groups already.)
  const posted = h.status !== 'pending_duplicate' && h.unitId === dup.unitId
  const images = posted ? [] : (await hazardRepo.media(op.db, h.id)).map((m) => m.path)
  if (images.length) await forwardImages(op, { ...h, unitId: dup.unitId, reportRoomId: op.room.id }, images, `merge-${op.messageId}`)
  if (!posted && h.latitude !== null) await forwardLocation(op, { ...h, unitId: dup.unitId, reportRoomId: op.room.id }, `merge-${op.messageId}`)
  // Already in front of its handlers (routed before the question came): they hear it is one report now.
  if (h.status !== 'pending_duplicate') {
    const handling = (await orgRepo.roomsOfUnit(op.db, h.unitId)).map((r) => r.id)
    const told = { ...h, escalatedRoomIds: [...new Set([...h.escalatedRoomIds, ...handling])] }
    await tellReached(op, told, hazardTexts.mergedNotice(h, dup), `merge-${op.messageId}`, op.room.id)
  }
  return { merged: true as const, hazard: h, into: { ...dup, reportCount: grown.reportCount } }
}

/** #不同: not the same; a held report goes on as new, a routed one just loses the question. */
export async function keepHazard(op: HazardOp) {
  const { h } = await awaiting(op)
  await authorize(op, h, 'keep')
  return keep(op, h)
}

async function keep(op: HazardOp, h: HazardInUnit) {
  if (h.status !== 'pending_duplicate') {
    await change(op, h, { suspectedDuplicateId: null })
    await event(op, h, 'kept', h.status, h.status)
    return { hazard: h, routed: true }
  }
  // A resident's report handled by this very grid is announced here, @-ing its cadres (the reply is the resident's,
  // as when it was first reported); a member's report needs no announcement in the group it was typed in.
  await releaseHeld(op, h, op.messageId, h.reporterMemberId === null ? null : op.room.id)
  await event(op, h, 'kept', 'pending_duplicate', h.status)
  return { hazard: h, routed: false }
}

/** A held report goes on as new (#不同, or no answer in time). */
export async function releaseHeld(w: Work, h: Hazard, key: string, replyRoomId: number | null) {
  const [reportUnit, target] = await Promise.all([orgRepo.unitById(w.db, h.reportUnitId), orgRepo.unitById(w.db, h.targetUnitId)])
  const status: HazardStatus = h.reporterMemberId === null && h.targetUnitId !== h.reportUnitId ? 'screening' : 'reported'
  const ok = await hazardRepo.transition(
    w.db,
    h.id,
    { status: 'pending_duplicate', escalationCycle: h.escalationCycle },
    { status, suspectedDuplicateId: null, ...stopped },
  )
  if (!ok) return null
  const images = (await hazardRepo.media(w.db, h.id)).map((m) => m.path)
  const live = await goLive(
    w,
    { ...h, status },
    { reportUnit: must(reportUnit, 'UNIT_MISSING'), target: must(target, 'UNIT_MISSING'), images, key, replyRoomId },
  )
  await hazardChanged(w, 'hazard.reported', live.hazard, live.hazard.status)
  return live
}

/**
 * An image from someone in a group: the after-image of a report they just resolved, or one more image of a report
 * they just made. Null when it belongs to neither (a task's evidence, maybe).
 */
export async function attachHazardImage(w: Work, who: { wxid: string; memberId: number | null; roomId: number }, key: string, notBefore = 0) {
  const since = new Date(Math.max(minus(w.now, ATTACH_WINDOW_MS).getTime(), notBefore))
  const resolved = who.memberId ? await hazardRepo.latestResolvedBy(w.db, who.memberId, since) : null
  const reported = await hazardRepo.latestByReporter(w.db, who.wxid, who.roomId, since, ['pending_duplicate', ...OPEN_STATUSES])
  const resolvedAt = resolved?.resolvedAt?.getTime() ?? 0
  if (resolved && resolvedAt >= (reported?.createdAt.getTime() ?? 0)) {
    const n = await hazardRepo.attachMedia(w.db, resolved.id, 'after', who.wxid, who.roomId, since, w.now)
    if (!n.length) return null
    await hazardRepo.addEvent(w.db, {
      hazardId: resolved.id,
      at: w.now,
      kind: 'image',
      actorId: who.memberId,
      actorWxid: who.wxid,
      roomId: who.roomId,
      note: hazardTexts.afterImageNote,
    })
    return { kind: 'after' as const, hazard: resolved, count: n.length, at: resolvedAt }
  }
  if (!reported) return null
  const refs = await hazardRepo.attachMedia(w.db, reported.id, 'before', who.wxid, who.roomId, since, w.now)
  if (!refs.length) return null
  await hazardRepo.addEvent(w.db, { hazardId: reported.id, at: w.now, kind: 'image', actorId: who.memberId, actorWxid: who.wxid, roomId: who.roomId })
  if (reported.status !== 'pending_duplicate') await forwardImages(w, reported, refs, key)
  return { kind: 'before' as const, hazard: reported, count: refs.length, at: reported.createdAt.getTime() }
}

/**
 * A location from someone who just reported in this group: attached, passed to the handlers, and checked against
 * open reports close by (the question is asked unless one was asked already).
 */
export async function attachHazardLocation(
  w: Work,
  who: { wxid: string; memberId: number | null; room: BoundRoom },
  loc: { latitude: number; longitude: number; address: string },
  key: string,
  notBefore = 0,
) {
  const since = new Date(Math.max(minus(w.now, ATTACH_WINDOW_MS).getTime(), notBefore))
  const h = await hazardRepo.latestByReporter(w.db, who.wxid, who.room.id, since, ['pending_duplicate', ...OPEN_STATUSES])
  if (!h || h.latitude !== null) return null
  const located = { ...h, latitude: loc.latitude, longitude: loc.longitude, address: loc.address }
  await hazardRepo.transition(w.db, h.id, {}, { latitude: loc.latitude, longitude: loc.longitude, address: loc.address, updatedAt: w.now })
  await hazardRepo.addEvent(w.db, {
    hazardId: h.id,
    at: w.now,
    kind: 'location',
    actorId: who.memberId,
    actorWxid: who.wxid,
    roomId: who.room.id,
    note: loc.address,
  })
  if (h.status !== 'pending_duplicate') await forwardLocation(w, located, key)
  let duplicate: { hazard: Hazard; match: DuplicateMatch } | null = null
  if (!h.suspectedDuplicateId && (h.status === 'screening' || h.status === 'reported')) {
    const policy = (await unitContext(w.db, who.room.unit)).policy.hazards
    const near = await hazardRepo.duplicateCandidates(w.db, h.targetUnitId, h.category, minus(w.now, policy.duplicateWindowMs), h.id, MERGEABLE_INTO)
    const match = findDuplicate(located, near, { ...policy, duplicateSimilarity: 2 }) // text was checked at report time
    if (match) {
      await hazardRepo.transition(w.db, h.id, {}, { suspectedDuplicateId: match.id })
      duplicate = { hazard: must(await hazardRepo.byId(w.db, match.id), 'HAZARD_MISSING'), match }
    }
  }
  return { hazard: located, at: h.createdAt.getTime(), duplicate }
}

/**
 * When this person last reported in this group in the last minutes (0: not) — and, with `resolvedToo`, last resolved
 * a report (a member's after-image). Only then may a location or image be the report's.
 */
export async function recentHazardAt(w: Work, who: { wxid: string; memberId: number | null; roomId: number }, resolvedToo: boolean): Promise<number> {
  const since = minus(w.now, ATTACH_WINDOW_MS)
  const reported = await hazardRepo.latestByReporter(w.db, who.wxid, who.roomId, since, ['pending_duplicate', ...OPEN_STATUSES])
  const resolved = resolvedToo && who.memberId ? await hazardRepo.latestResolvedBy(w.db, who.memberId, since) : null
  return Math.max(reported?.createdAt.getTime() ?? 0, resolved?.resolvedAt?.getTime() ?? 0)
}

/** #隐患 H7: the record and its history; `full` from a group above is recorded as a disclosure. */
export async function hazardHistory(op: HazardOp, ref: HazardRef, full: boolean) {
  const h = await findHazard(op, ref)
  // In full only for a supervisor over the owning unit, and only in a group of that unit or one above it (never in
  // a sibling grid's group, where its residents would read it).
  const mayDisclose = full && !!op.member && isSupervisorOver(op.member, h.reportUnit) && isAtOrAbove(op.room.unit, h.reportUnit)
  if (mayDisclose && op.room.unitId !== h.reportUnitId) await event(op, h, 'disclosed', h.status, h.status, op.room.unit.name)
  const [events, media] = await Promise.all([hazardRepo.events(op.db, h.id), hazardRepo.media(op.db, h.id)])
  const people = await orgRepo.membersByIds(op.db, [...new Set(events.map((e) => e.actorId).filter((x): x is number => x !== null))])
  const names = new Map(people.map((p) => [p.id, p.name]))
  return {
    hazard: h,
    events,
    nameOf: (e: { actorId: number | null; actorWxid: string | null }) =>
      e.actorId ? (names.get(e.actorId) ?? '') : e.actorWxid === h.reporterWxid ? h.reporterName : e.actorWxid ? '' : hazardTexts.systemActor,
    images: { before: media.filter((m) => m.phase === 'before').length, after: media.filter((m) => m.phase === 'after').length },
    /** Only a supervisor above may see another unit's record unmasked. */
    unmasked: op.room.unitId === h.reportUnitId || mayDisclose,
  }
}

/** Every report of a district since `since`, a page at a time, with what the export needs. */
export async function* hazardsForExport(db: Work['db'], districtName: string | null, since: Date | null): AsyncGenerator<ExportRecord> {
  const all = await orgRepo.districts(db)
  const district = districtName ? all.find((d) => d.name === districtName) : all.length === 1 ? all[0] : undefined
  if (!district) throw refuse('DISTRICT_UNKNOWN', districtName ? hazardTexts.noSuchDistrict(districtName) : hazardTexts.nameDistrict(all.map((d) => d.name)))
  const names = new Map((await orgRepo.unitsOfDistrict(db, district.id)).map((u) => [u.id, u.name]))
  names.set(district.id, district.name)
  let afterId = 0
  for (;;) {
    const page = await hazardRepo.exportPage(db, district.id, since, afterId, 500)
    const last = page.at(-1)
    if (!last) return
    afterId = last.id
    for (const h of page) {
      const images = (await hazardRepo.media(db, h.id)).map((m) => m.path)
      yield { hazard: h, handlingUnit: names.get(h.unitId) ?? '', reportUnit: names.get(h.reportUnitId) ?? '', images }
    }
  }
}
