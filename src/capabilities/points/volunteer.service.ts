// 志愿服务时长: log (for oneself and the people named) → pending V31 → a supervisor of the person's unit or above
// approves (points by policy, appended to the ledger) or rejects with a reason; the logger is told either way.
import { must } from '../../core/must.ts'
import { UsageError } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { startOfLocalDay } from '../../core/time.ts'
import { refInRange } from '../../parser/refs.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type BoundRoom, type MemberWithUnit } from '../../kernel/org/org.types.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import type { DomainEventMap, Work } from '../../kernel/work.ts'
import { mayApprove, mayLogFor, memberOfRoom, overDailyLimit, overlapsWith, parseServiceDuration, serviceTime } from './points-rules.ts'
import { earn, pointsPolicyFor, refuse } from './points.service.ts'
import { pointsRepo } from './points.repo.ts'
import { volunteerId, volunteerTexts, type VolunteerDecision } from './points.texts.ts'
import type { VolunteerEntry } from './points.types.ts'
import { recordDistrict } from '../../kernel/org/city-refs.ts'

export interface VolunteerOp extends Work {
  actor: MemberWithUnit
  room: BoundRoom
  messageId: string
}

const MAX_ACTIVITY = 50
const PENDING_LIMIT = 30

/**
 * Logs the same service for each person (the sender and/or those named) on the service day (today unless said:
 * 昨天, 11月19日). Each gets a pending entry of their own. The people named must be of this group's unit or below,
 * or members of this group. Refused as a whole when anyone would pass the daily limit of that service day; an entry
 * repeating the person's same activity that day is flagged for the approver. The limit is checked and the entry
 * written under a per-person lock (taken in member order), so two logs at the same moment from two groups are
 * counted one after the other.
 */
export async function logHours(op: VolunteerOp, a: { people: MemberWithUnit[]; duration: string; activity: string; day?: Date | null }) {
  if (a.activity.length > MAX_ACTIVITY) throw refuse('VOLUNTEER_ACTIVITY_LONG', volunteerTexts.activityTooLong(MAX_ACTIVITY))
  for (const p of a.people)
    if (p.id !== op.actor.id && !mayLogFor(op.room, p)) throw refuse('VOLUNTEER_NOT_HERE', volunteerTexts.notHere(p.name, op.room.unit.name))
  // 半天 means what the policy of the group it is logged in says.
  const minutes = parseServiceDuration(a.duration, (await pointsPolicyFor(op.db, op.room.unit)).halfDay)
  if (!minutes || minutes <= 0) throw new UsageError(volunteerTexts.badDuration(a.duration))
  const day = startOfLocalDay(a.day ?? op.now)
  for (const p of [...a.people].sort((x, y) => x.id - y.id)) await pointsRepo.lockMemberHours(op.db, p.id)
  const plans: { person: MemberWithUnit; overlap: number[] }[] = []
  // Each person over the daily limit is left out and named in the reply; the others are logged. Refused as a whole
  // only when nobody is left.
  const skipped: string[] = []
  for (const person of a.people) {
    const policy = await pointsPolicyFor(op.db, person.unit)
    if (minutes > policy.dailyMaxHours * 60) throw refuse('VOLUNTEER_TOO_LONG', volunteerTexts.tooLong(policy.dailyMaxHours))
    const sameDay = (await pointsRepo.volunteerDay(op.db, person.id, day)) as VolunteerEntry[]
    const over = overDailyLimit(sameDay, minutes, policy.dailyMaxHours)
    if (over > 0) skipped.push(volunteerTexts.overLimit(person.name, policy.dailyMaxHours, over, policy.dailyMaxHours * 60 + over - minutes, minutes))
    else plans.push({ person, overlap: overlapsWith(sameDay, a.activity) })
  }
  if (!plans.length) throw refuse('VOLUNTEER_DAILY_LIMIT', skipped.join('\n'))
  const districtId = districtOf(op.room.unit)
  const rows: { entry: VolunteerEntry; name: string }[] = []
  for (const { person, overlap } of plans) {
    const number = await shortIdRepo.next(op.db, districtId, 'V')
    const entry = (await pointsRepo.createVolunteer(op.db, {
      districtId,
      number,
      memberId: person.id,
      loggedById: op.actor.id,
      unitId: person.unitId,
      roomId: op.room.id,
      activity: a.activity,
      minutes,
      day,
      flags: overlap.map((n) => `overlap:${n}`),
      createdAt: op.now,
    })) as VolunteerEntry
    rows.push({ entry, name: person.name })
  }
  // The people named hear it: in this group the reply @-s them; someone not in it, in their own unit's group.
  for (const { person } of plans) {
    if (person.id === op.actor.id || memberOfRoom(op.room, person)) continue
    const [room] = await orgRepo.roomsOfUnit(op.db, person.unitId)
    const mine = rows.filter((r) => r.entry.memberId === person.id)
    if (room?.wxRoomId && room.id !== op.room.id)
      op.effects.post(
        {
          accountId: room.accountId,
          roomId: room.wxRoomId,
          text: textFor(room.unitId, op.room.unitId, volunteerTexts.loggedFor(op.actor.name, mine)),
          mentionIds: [person.wxid],
        },
        jobId('volunteer-logged-for', must(mine[0], 'VOLUNTEER_ROW_MISSING').entry.id),
      )
  }
  return Object.assign(rows, { skipped })
}

export interface VolunteerRef {
  number: number
  label: string
}

async function findEntry(op: VolunteerOp, ref: VolunteerRef) {
  const v = refInRange(ref.number)
    ? ((await pointsRepo.volunteerByNumber(op.db, recordDistrict(op, op.actor.unit), ref.number)) as VolunteerEntry | null)
    : null
  if (!v) throw refuse('VOLUNTEER_UNKNOWN', volunteerTexts.unknown(ref.label))
  const unit = must(await orgRepo.unitById(op.db, v.unitId), 'UNIT_MISSING')
  return { v, unit }
}

/** Approves or rejects one entry; tells the logger (and the person) where it was logged. */
export async function decide(op: VolunteerOp, ref: VolunteerRef, verdict: { approve: boolean; reason: string }) {
  const { v, unit } = await findEntry(op, ref)
  await pointsRepo.lockMemberHours(op.db, v.memberId)
  const [person] = await orgRepo.membersByIds(op.db, [v.memberId])
  const may = mayApprove(op.actor, { memberId: v.memberId, loggedById: v.loggedById, unit, person })
  if (!may.ok) throw refuse(`VOLUNTEER_${may.code}`, volunteerTexts.refusal(may.code, volunteerId(v), unit.name))
  return apply(op, v, verdict)
}

async function apply(op: VolunteerOp, v: VolunteerEntry, verdict: { approve: boolean; reason: string }): Promise<Decision>
async function apply(op: VolunteerOp, v: VolunteerEntry, verdict: { approve: boolean; reason: string }, skipDecided: true): Promise<Decision | null>
async function apply(op: VolunteerOp, v: VolunteerEntry, verdict: { approve: boolean; reason: string }, skipDecided = false): Promise<Decision | null> {
  const ok = await pointsRepo.decideVolunteer(op.db, v.id, {
    status: verdict.approve ? 'approved' : 'rejected',
    reviewerId: op.actor.id,
    reviewedAt: op.now,
    reason: verdict.approve ? null : verdict.reason,
  })
  if (!ok) {
    // Decided meanwhile (two bulk approvals at once): a bulk approval passes over it.
    if (skipDecided) return null
    const now = (await pointsRepo.volunteerByNumber(op.db, v.districtId, v.number)) as VolunteerEntry
    throw refuse('VOLUNTEER_DECIDED', volunteerTexts.alreadyDecided(now))
  }
  const [person, logger] = await Promise.all([orgRepo.membersByIds(op.db, [v.memberId]), orgRepo.membersByIds(op.db, [v.loggedById])])
  const name = person[0]?.name ?? ''
  let centi = 0
  let owed = { paidOwed: 0, owedLeft: 0 }
  if (verdict.approve) {
    const paid = await earn(op, {
      memberId: v.memberId,
      unitId: v.unitId,
      source: 'volunteer',
      ref: volunteerId(v),
      // Dated by the service, not the approval: September's hours approved on 1 October count for September.
      at: serviceTime(v.day, v.createdAt),
      minutes: v.minutes,
      activity: v.activity,
      actorId: op.actor.id,
    })
    centi = paid?.centi ?? 0
    if (paid) owed = { paidOwed: paid.paidOwed, owedLeft: paid.owedLeft }
  }
  const decision = { v, name, approve: verdict.approve, reason: verdict.reason, centi, owed }
  const text = volunteerTexts.decision(decision)
  const tell = [...new Set([person[0]?.wxid, logger[0]?.wxid].filter((x): x is string => !!x))]
  // Decided elsewhere (a supervisor's own group): the logger hears it in the group where the hours were logged.
  if (v.roomId !== op.room.id) {
    const room = await orgRepo.roomById(op.db, v.roomId)
    if (room?.wxRoomId) op.effects.post({ accountId: room.accountId, roomId: room.wxRoomId, text, mentionIds: tell }, jobId('volunteer-decision', v.id))
  }
  return { ...decision, tell: v.roomId === op.room.id ? tell : [] }
}

/**
 * One entry decided: the command words it with volunteerTexts.decision, masked (textFor) when said in a group of
 * another unit (a supervisor's above), so the activity's personal data stays in its own unit's groups.
 */
export interface Decision extends VolunteerDecision {
  /** Who the reply @-s (nobody when the decision was said elsewhere: they hear it where the hours were logged). */
  tell: string[]
}

/** What waits for this supervisor: pending entries of their unit's subtree, neither their own nor those they logged. */
export async function pendingFor(op: VolunteerOp) {
  const may = mayApprove(op.actor, { memberId: -1, unit: op.actor.unit })
  if (!may.ok) throw refuse(`VOLUNTEER_${may.code}`, volunteerTexts.refusal(may.code, '', op.actor.unit.name))
  const ids = await pointsRepo.pendingUnder(op.db, districtOf(op.actor.unit), op.actor.unit.path, op.actor.id, PENDING_LIMIT + 1)
  const entries = (await pointsRepo.volunteersByIds(
    op.db,
    ids.slice(0, PENDING_LIMIT).map((r) => r.id),
  )) as VolunteerEntry[]
  const people = new Map((await orgRepo.membersByIds(op.db, [...new Set(entries.map((e) => e.memberId))])).map((m) => [m.id, m]))
  // A fellow supervisor's hours wait for a supervisor above: neither listed nor approved in bulk here.
  const mine = entries.filter((e) => mayApprove(op.actor, { memberId: e.memberId, unit: op.actor.unit, person: people.get(e.memberId) }).ok)
  return { entries: mine, people, more: ids.length > PENDING_LIMIT }
}

/**
 * #审核 全部通过: approves what #审核 lists for this supervisor (at most one page). An entry decided meanwhile (a
 * second bulk approval at the same moment, a rejection) is passed over and counted, never failing the rest.
 */
export async function approveAll(op: VolunteerOp) {
  const { entries } = await pendingFor(op)
  // Two bulk approvals over overlapping people (a community's and a town's supervisor at once) would otherwise lock
  // entry rows and balance rows in crossing orders (40P01): each takes the people's hours locks first, in member
  // order, and pays in member order (the order the check-in settlement locks balance rows in too).
  const people = [...new Set(entries.map((v) => v.memberId))].sort((x, y) => x - y)
  for (const id of people) await pointsRepo.lockMemberHours(op.db, id)
  let total = 0
  let skipped = 0
  const results: Decision[] = []
  for (const v of [...entries].sort((x, y) => x.memberId - y.memberId || x.number - y.number)) {
    const r = await apply(op, v, { approve: true, reason: '' }, true)
    if (!r) {
      skipped++
      continue
    }
    total += r.centi
    results.push(r)
  }
  results.sort((x, y) => x.v.number - y.v.number)
  return { count: results.length, skipped, centi: total, results }
}

/**
 * An activity closed (#活动 A3 结束): each member present gets an entry for its duration, logged by the organiser on
 * the activity's day and in its group, by the #志愿 rules — over the daily limit left out (named), approved at once
 * (points paid) when the organiser is a supervisor above the person and the activity policy allows, pending otherwise.
 */
export async function creditActivityHours(w: Work, e: DomainEventMap['activity.closed']): Promise<string[]> {
  const room = await orgRepo.roomById(w.db, e.activity.roomId)
  const unit = room && (await orgRepo.unitById(w.db, room.unitId))
  if (!room || !unit) return []
  const op: VolunteerOp = { ...w, actor: e.organiser, room: { ...room, unit: unit as BoundRoom['unit'] }, messageId: e.messageId }
  const day = startOfLocalDay(e.activity.day)
  const activity = `${e.activity.ref} ${e.activity.name}`.slice(0, MAX_ACTIVITY)
  const people = [...e.attendees].sort((x, y) => x.id - y.id)
  for (const p of people) await pointsRepo.lockMemberHours(w.db, p.id)
  const notes: string[] = []
  for (const person of people) {
    const policy = await pointsPolicyFor(w.db, person.unit)
    const sameDay = (await pointsRepo.volunteerDay(w.db, person.id, day)) as VolunteerEntry[]
    if (e.minutes > policy.dailyMaxHours * 60 || overDailyLimit(sameDay, e.minutes, policy.dailyMaxHours) > 0) {
      notes.push(volunteerTexts.activityOverLimit(person.name, policy.dailyMaxHours))
      continue
    }
    const v = (await pointsRepo.createVolunteer(w.db, {
      districtId: districtOf(unit),
      number: await shortIdRepo.next(w.db, districtOf(unit), 'V'),
      memberId: person.id,
      loggedById: e.organiser.id,
      unitId: person.unitId,
      roomId: room.id,
      activity,
      minutes: e.minutes,
      day,
      flags: overlapsWith(sameDay, activity).map((n) => `overlap:${n}`),
      createdAt: w.now,
    })) as VolunteerEntry
    const approve = e.supervisorApproves && mayApprove(e.organiser, { memberId: person.id, unit: person.unit, person }).ok
    if (approve) notes.push(textFor(op.room.unitId, v.unitId, volunteerTexts.decision(await apply(op, v, { approve: true, reason: '' }))))
    else notes.push(volunteerTexts.activityPending(v, person.name))
  }
  return notes
}
