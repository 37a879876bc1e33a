// 活动: created in a group's unit (A3), optionally with a 招募令 posted to a subtree's groups — plain posts through the
// outbox, with no acknowledgement, re-@ or escalation (a recruitment is an invitation, not an order) — shown with
// its sign-ups, and listed for a subtree.
import { jobId } from '../../core/ids.ts'
import { refuser } from '../../core/errors.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'
import { isAtOrAbove } from '../../kernel/org/authority.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type BoundRoom, type MemberWithUnit, type Unit } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { activityKind, splitTeam, type ActivityDraft } from '../../parser/activity-args.ts'
import { refInRange } from '../../parser/refs.ts'
import { activityRepo } from './activity.repo.ts'
import { activityId, activityTexts } from './activity.texts.ts'
import { ACTIVITY_KEY, REMIND_TIMER, type Activity } from './activity.types.ts'
import { activityPolicyFor, nextReminder } from './activity-policy.ts'
import { must } from '../../core/must.ts'

export type ActivityRefusalCode =
  | 'ACTIVITY_UNKNOWN'
  | 'ACTIVITY_NOT_VISIBLE'
  | 'ACTIVITY_UNIT_UNKNOWN'
  | 'ACTIVITY_UNIT_NOT_BELOW'
  | 'ACTIVITY_NOT_ORGANISER'
  | 'ACTIVITY_NOT_OPEN'
  | 'ACTIVITY_STARTED'
  | 'ACTIVITY_NOT_STARTED'
  | 'ACTIVITY_ALREADY_SIGNED'
  | 'ACTIVITY_NOT_SIGNED'
  | 'ACTIVITY_RESIDENTS_NOT_ALLOWED'
  | 'ACTIVITY_NOBODY_NAMED'
  | 'ACTIVITY_HOURS'
  | 'ACTIVITY_SCHEDULE'
  | 'ACTIVITY_PROJECT'
export const refuse = refuser<ActivityRefusalCode>('activity')

export interface ActivityOp extends Work {
  room: BoundRoom
  messageId: string
}

/** The unit a 招募令 goes to: one named in the organiser's subtree, or the district (全区). */
export async function targetOf(w: Work, actor: MemberWithUnit, room: BoundRoom, target: string | null): Promise<Unit | null> {
  if (!target) return null
  const districtId = districtOf(room.unit)
  const unit = target === '*' ? await orgRepo.unitById(w.db, districtId) : await orgRepo.unitByName(w.db, districtId, target)
  if (!unit) throw refuse('ACTIVITY_UNIT_UNKNOWN', activityTexts.unitUnknown(target))
  if (!isAtOrAbove(actor.unit, unit)) throw refuse('ACTIVITY_UNIT_NOT_BELOW', activityTexts.unitNotBelow(unit.name))
  return unit as Unit
}

/** The team an activity carries: one named among its words, else the organiser's first (of the policy's, when it lists them). */
export function teamOf(placeText: string | null, actor: { teams: string[] }, teams: readonly string[]) {
  const { team, place } = splitTeam(placeText, teams)
  return { team: team ?? actor.teams.find((t) => !teams.length || teams.includes(t)) ?? null, place }
}

/** The project an activity serves (P3): one of this group's unit, its subtree or above it, not cancelled. */
async function projectOf(w: Work, room: BoundRoom, number: number | null) {
  if (number === null) return null
  const p = refInRange(number) ? await activityRepo.projectByNumber(w.db, districtOf(room.unit), number) : null
  const unit = p && (await orgRepo.unitById(w.db, p.unitId))
  if (!p || !unit || p.status === 'cancelled') throw refuse('ACTIVITY_PROJECT', activityTexts.projectUnknown(number))
  if (!isAtOrAbove(unit, room.unit) && !isAtOrAbove(room.unit, unit)) throw refuse('ACTIVITY_PROJECT', activityTexts.projectUnknown(number))
  return { ...p, title: textFor(room.unitId, p.unitId, p.title) }
}

/** #活动 <时间> <名称> …: the activity in the group's unit; a 招募令 to the target's groups (this one excepted). */
export async function createActivity(op: ActivityOp, a: { actor: MemberWithUnit; draft: ActivityDraft; series?: { id: number; occurrenceAt: Date } }) {
  const target = await targetOf(op, a.actor, op.room, a.draft.target)
  const districtId = districtOf(op.room.unit)
  const project = await projectOf(op, op.room, a.draft.project)
  const policy = await activityPolicyFor(op.db, op.room.unit)
  const { team, place } = teamOf(a.draft.place, a.actor, policy.teams)
  const remind = nextReminder(a.draft.startsAt, op.now, policy)
  const activity = await activityRepo.create(op.db, {
    districtId,
    number: await shortIdRepo.next(op.db, districtId, 'A'),
    unitId: op.room.unitId,
    roomId: op.room.id,
    organiserId: a.actor.id,
    name: a.draft.name,
    kind: activityKind(a.draft.name, policy.kinds),
    team,
    place,
    capacity: a.draft.capacity,
    startsAt: a.draft.startsAt,
    endsAt: a.draft.endsAt,
    targetUnitId: target?.id ?? null,
    remindStep: remind?.step ?? 0,
    nextRemindAt: remind?.at ?? null,
    seriesId: a.series?.id ?? null,
    occurrenceAt: a.series?.occurrenceAt ?? null,
    projectId: project?.id ?? null,
    createdAt: op.now,
  })
  if (remind) op.effects.schedule({ kind: REMIND_TIMER, subjectId: activity.id, cycle: 0, step: remind.step, dueAt: remind.at })
  let rooms = 0
  if (target) {
    const units = await orgRepo.subtree(op.db, target)
    const from = `${op.room.unit.name} ${a.actor.name}`
    for (const room of await activityRepo.boundRooms(
      op.db,
      units.map((u) => u.id),
    )) {
      if (room.id === op.room.id) continue
      op.effects.post(
        { accountId: room.accountId, roomId: must(room.wxRoomId, 'ROOM_UNBOUND'), text: activityTexts.recruitment(activity, from), mentionIds: [] },
        jobId(ACTIVITY_KEY, 'recruit', activity.id, room.id),
      )
      rooms++
    }
  }
  return { activity, target, rooms, project }
}

/** The activity an id names, visible from this room: its own unit's, or one whose audience includes the room. */
export async function findActivity(w: Work, room: BoundRoom, ref: { number: number; label: string }): Promise<Activity> {
  const a = refInRange(ref.number) ? await activityRepo.byNumber(w.db, districtOf(room.unit), ref.number) : null
  if (!a) throw refuse('ACTIVITY_UNKNOWN', activityTexts.unknown(ref.label))
  const [unit, target] = await Promise.all([orgRepo.unitById(w.db, a.unitId), a.targetUnitId ? orgRepo.unitById(w.db, a.targetUnitId) : null])
  const audience = [unit, target].filter((u): u is NonNullable<typeof u> => !!u)
  // Its audience's groups and the groups above the organising unit may see it and sign up.
  if (!audience.some((u) => isAtOrAbove(u, room.unit) || isAtOrAbove(room.unit, u)))
    throw refuse('ACTIVITY_NOT_VISIBLE', activityTexts.notVisible(activityId(a)))
  return a
}

/** #活动 A3: the activity and who signed up — members by name, residents counted unless said in their own group. */
export async function showActivity(w: Work, room: BoundRoom, ref: { number: number; label: string }): Promise<string> {
  const a = await findActivity(w, room, ref)
  const signups = (await activityRepo.signups(w.db, a.id)).filter((s) => s.status !== 'cancelled')
  const signed = signups.filter((s) => s.status === 'signed')
  const named = signed.filter((s) => s.memberId !== null || s.unitId === room.unitId).map((s) => (s.attendedAt ? activityTexts.attendedMark(s.name) : s.name))
  const residents = signed.filter((s) => s.memberId === null && s.unitId !== room.unitId).length
  const waiting = signups.filter((s) => s.status === 'waiting').map((s) => s.name)
  const photos = (await activityRepo.photoCounts(w.db, [a.id])).get(a.id) ?? 0
  return activityTexts.detail(a, { signed: signed.length, named, residents, waiting, photos })
}

const LIST_LIMIT = 15

/** #活动列表: open activities of this unit's subtree (and those recruiting it) still to come, with places left. */
export async function listActivities(w: Work, unit: Unit): Promise<string> {
  const units = await orgRepo.subtree(w.db, unit)
  const chain = await orgRepo.ancestors(w.db, unit)
  const rows = await activityRepo.upcoming(
    w.db,
    [...units, ...chain].map((u) => u.id),
    w.now,
    LIST_LIMIT,
  )
  // Above the unit only what recruits it counts; its own subtree's all do.
  const ids = new Set(units.map((u) => u.id))
  const mine = rows.filter((a) => ids.has(a.unitId) || (a.targetUnitId !== null && (ids.has(a.targetUnitId) || chain.some((c) => c.id === a.targetUnitId))))
  if (!mine.length) return activityTexts.listEmpty(unit.name)
  const counts = new Map(
    (
      await activityRepo.countsSigned(
        w.db,
        mine.map((a) => a.id),
      )
    ).map((c) => [c.activityId, c.n]),
  )
  return activityTexts.list(
    unit.name,
    mine.map((a) => activityTexts.line(a, counts.get(a.id) ?? 0)),
  )
}
