// 报名 · 取消报名 · 到场: each under the activity's row lock, so two people taking the last place at once are counted
// one after the other (one gets it, the other waits), and a cancellation moves the first on the waiting list up.
import { jobId } from '../../core/ids.ts'
import { isSupervisorOver } from '../../kernel/org/authority.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { registrarNames } from '../../kernel/org/org.service.ts'
import { districtOf, type BoundRoom, type MemberWithUnit } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { activityRepo } from './activity.repo.ts'
import { findActivity, refuse, type ActivityOp } from './activity.service.ts'
import { activityId, activityTexts } from './activity.texts.ts'
import { ACTIVITY_KEY, type Activity, type Signup } from './activity.types.ts'
import { must } from '../../core/must.ts'

export interface Person {
  wxid: string
  name: string
  member: MemberWithUnit | null
}

type Ref = { number: number; label: string }

/** Finds the activity and locks it for the rest of the unit of work. */
export async function locked(w: Work, room: BoundRoom, ref: Ref): Promise<Activity> {
  const found = await findActivity(w, room, ref)
  await activityRepo.lock(w.db, found.id)
  return must(await activityRepo.byId(w.db, found.id), 'ACTIVITY_MISSING')
}

export function mustBeOpen(a: Activity) {
  if (a.status !== 'open') throw refuse('ACTIVITY_NOT_OPEN', activityTexts.notOpen(activityId(a), a.status))
}

/** #报名 A3: a place while there is one, the waiting list after; a resident where the activity allows them. */
export async function signUp(op: ActivityOp, who: Person, ref: Ref) {
  const a = await locked(op, op.room, ref)
  mustBeOpen(a)
  if (op.now.getTime() >= a.startsAt.getTime()) throw refuse('ACTIVITY_STARTED', activityTexts.started(activityId(a)))
  if (!who.member && !a.residentsAllowed) throw refuse('ACTIVITY_RESIDENTS_NOT_ALLOWED', activityTexts.residentsNotAllowed(activityId(a)))
  const before = await activityRepo.signup(op.db, a.id, who.wxid)
  if (before && before.status !== 'cancelled') throw refuse('ACTIVITY_ALREADY_SIGNED', activityTexts.alreadySigned(activityId(a), before.status))
  const signed = await activityRepo.countSigned(op.db, a.id)
  const status = a.capacity !== null && signed >= a.capacity ? 'waiting' : 'signed'
  const data = { status, roomId: op.room.id, unitId: op.room.unitId, name: who.name, memberId: who.member?.id ?? null, createdAt: op.now, cancelledAt: null }
  const s = before
    ? await activityRepo.updateSignup(op.db, before.id, data)
    : await activityRepo.addSignup(op.db, { activityId: a.id, wxid: who.wxid, ...data })
  const waitingAhead = status === 'waiting' ? (await activityRepo.signups(op.db, a.id)).filter((x) => x.status === 'waiting' && x.id !== s.id).length : 0
  return { activity: a, signup: s, signed: status === 'signed' ? signed + 1 : signed, position: waitingAhead + 1 }
}

/**
 * A sign-up by someone not on the roster (a resident, or a volunteer not yet registered): who can register them — the
 * supervisors nearest above — and the group's cadres, @-ed to check who they are (the onboarding flow).
 */
export async function onboardingOf(w: Work, room: BoundRoom) {
  const [registrars, cadres] = await Promise.all([registrarNames(w.db, room.unit), orgRepo.membersIn(w.db, [room.unitId], ['grid_cadre'])])
  return { registrars, cadres: cadres.map((c) => ({ wxid: c.wxid, name: c.name })) }
}

/** #取消报名 A3: frees the place; the first waiting moves up and is told in the group where they signed up. */
export async function cancelSignup(op: ActivityOp, who: Person, ref: Ref) {
  const a = await locked(op, op.room, ref)
  mustBeOpen(a)
  if (op.now.getTime() >= a.startsAt.getTime()) throw refuse('ACTIVITY_STARTED', activityTexts.startedCancel(activityId(a)))
  const s = await activityRepo.signup(op.db, a.id, who.wxid)
  if (!s || s.status === 'cancelled') throw refuse('ACTIVITY_NOT_SIGNED', activityTexts.notSigned(activityId(a)))
  await activityRepo.updateSignup(op.db, s.id, { status: 'cancelled', cancelledAt: op.now })
  let promoted: Signup | null = null
  if (s.status === 'signed') {
    const next = await activityRepo.firstWaiting(op.db, a.id)
    if (next) {
      promoted = await activityRepo.updateSignup(op.db, next.id, { status: 'signed' })
      const room = await orgRepo.roomById(op.db, next.roomId)
      if (room?.wxRoomId && room.id !== op.room.id)
        op.effects.post(
          { accountId: room.accountId, roomId: room.wxRoomId, text: activityTexts.movedUp(a), mentionIds: [next.wxid] },
          jobId(ACTIVITY_KEY, 'up', a.id, next.id, op.messageId),
        )
    }
  }
  return { activity: a, promoted: promoted && promoted.roomId === op.room.id ? promoted : null, movedElsewhere: promoted && promoted.roomId !== op.room.id }
}

/** May this member run the activity (mark attendance, close, cancel)? Its organiser, or a supervisor over its unit. */
export async function mayRun(w: Work, member: MemberWithUnit, a: Activity): Promise<boolean> {
  if (member.id === a.organiserId) return true
  const unit = await orgRepo.unitById(w.db, a.unitId)
  return !!unit && isSupervisorOver(member, unit)
}

/**
 * #到场 A3 @张三 @李四 (or 全部): marks those present. Someone who did not sign up is added as a walk-in; a person
 * named twice, or present already, is counted once.
 */
export async function markPresent(op: ActivityOp, actor: MemberWithUnit, ref: Ref, who: { all: boolean; people: Person[] }) {
  const a = await locked(op, op.room, ref)
  mustBeOpen(a)
  if (!(await mayRun(op, actor, a))) throw refuse('ACTIVITY_NOT_ORGANISER', activityTexts.notOrganiser(activityId(a)))
  if (op.now.getTime() < a.startsAt.getTime() - 30 * 60_000) throw refuse('ACTIVITY_NOT_STARTED', activityTexts.notStarted(activityId(a)))
  const signups = await activityRepo.signups(op.db, a.id)
  const marked: string[] = []
  const walkIns: string[] = []
  if (who.all) {
    for (const s of signups.filter((x) => x.status === 'signed' && !x.attendedAt)) {
      await activityRepo.updateSignup(op.db, s.id, { attendedAt: op.now })
      marked.push(s.name)
    }
  } else {
    if (!who.people.length) throw refuse('ACTIVITY_NOBODY_NAMED', activityTexts.nobodyNamed())
    for (const p of who.people) {
      const s = signups.find((x) => x.wxid === p.wxid)
      if (s?.attendedAt && s.status !== 'cancelled') continue
      if (s) await activityRepo.updateSignup(op.db, s.id, { attendedAt: op.now, status: 'signed', walkIn: s.status !== 'signed' })
      else
        await activityRepo.addSignup(op.db, {
          activityId: a.id,
          wxid: p.wxid,
          name: p.name,
          memberId: p.member?.id ?? null,
          roomId: op.room.id,
          unitId: p.member?.unitId ?? op.room.unitId,
          status: 'signed',
          createdAt: op.now,
          attendedAt: op.now,
          walkIn: true,
        })
      ;(s && s.status === 'signed' ? marked : walkIns).push(p.name)
    }
  }
  const present = (await activityRepo.signups(op.db, a.id)).filter((s) => s.attendedAt && s.status === 'signed').length
  return { activity: a, marked, walkIns, present }
}

/** The people #到场 names: those @-ed (by contact id), then names typed after @ matched to one member of the district. */
export async function resolvePeople(w: Work, room: BoundRoom, mentionIds: string[], names: string[]) {
  const people: Person[] = (await orgRepo.membersByWxids(w.db, mentionIds)).map((m) => ({ wxid: m.wxid, name: m.name, member: m }))
  const missing: string[] = []
  for (const name of names) {
    if (people.some((p) => p.name === name)) continue
    const found = await orgRepo.membersByName(w.db, districtOf(room.unit), name)
    const [only] = found
    if (only && found.length === 1) people.push({ wxid: only.wxid, name, member: only })
    else missing.push(name)
  }
  return { people, missing }
}
