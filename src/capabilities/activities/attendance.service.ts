// #活动签到 A3 and what may follow it. Where the policy asks, a sign-in waits (EVIDENCE_WINDOW_MS) for the sender's
// location — within the policy's radius of the activity's own, which its organiser sets by sending a location just
// after creating it — and for a photo; attendance is then the sign-in's time. A sign-in after the start and the grace
// is late. Locked on the activity's row like sign-ups.
import { distanceM, type Point } from '../../core/geo.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Work } from '../../kernel/work.ts'
import { activityRepo } from './activity.repo.ts'
import { refuse, type ActivityOp } from './activity.service.ts'
import { activityTexts } from './activity.texts.ts'
import { EVIDENCE_WINDOW_MS, type Activity, type Signup } from './activity.types.ts'
import { DEFAULT_ACTIVITY_POLICY, activityPolicyFor, isLate, photoAsked, type ActivityPolicy } from './activity-policy.ts'
import { locked, mustBeOpen, type Person } from './signup.service.ts'
import { must } from '../../core/must.ts'

type Ref = { number: number; label: string }
export type Needs = { location: boolean; photo: boolean }

async function policyOf(w: Work, a: Activity): Promise<ActivityPolicy> {
  const unit = await orgRepo.unitById(w.db, a.unitId)
  return unit ? activityPolicyFor(w.db, unit) : DEFAULT_ACTIVITY_POLICY
}

const needsOf = (a: Activity, policy: ActivityPolicy): Needs => ({
  location: a.latitude !== null && a.longitude !== null && policy.checkIn.radius > 0,
  photo: photoAsked(policy, a.kind),
})

async function attend(w: Work, a: Activity, s: Signup, at: Date, policy: ActivityPolicy) {
  const late = isLate(a.startsAt, at, policy)
  await activityRepo.updateSignup(w.db, s.id, { attendedAt: at, status: 'signed', late })
  return late
}

/** #活动签到 A3: attended at once, or waiting for the location / photo the policy asks. */
export async function checkIn(op: ActivityOp, who: Person, ref: Ref) {
  const a = await locked(op, op.room, ref)
  mustBeOpen(a)
  const t = op.now.getTime()
  if (t < a.startsAt.getTime() - 30 * 60_000 || t > a.endsAt.getTime()) throw refuse('ACTIVITY_NOT_STARTED', activityTexts.outsideWindow(a))
  const before = await activityRepo.signup(op.db, a.id, who.wxid)
  if (before?.attendedAt && before.status === 'signed') return { kind: 'already' as const, activity: a }
  const walkIn = before?.status !== 'signed'
  const fields = { status: 'signed', walkIn, checkinAt: op.now, distanceM: null, photoAt: null }
  const s = before
    ? await activityRepo.updateSignup(op.db, before.id, fields)
    : await activityRepo.addSignup(op.db, {
        activityId: a.id,
        wxid: who.wxid,
        name: who.name,
        memberId: who.member?.id ?? null,
        roomId: op.room.id,
        unitId: op.room.unitId,
        createdAt: op.now,
        ...fields,
      })
  const policy = await policyOf(op, a)
  const needs = needsOf(a, policy)
  if (needs.location || needs.photo) return { kind: 'pending' as const, activity: a, needs, walkIn }
  return { kind: 'attended' as const, activity: a, walkIn, late: await attend(op, a, s, op.now, policy) }
}

export type Evidence =
  | { kind: 'attended'; activity: Activity; name: string; late: boolean; walkIn: boolean }
  | { kind: 'far'; activity: Activity; distance: number; radius: number }
  | { kind: 'more'; activity: Activity; needs: Needs }
  | { kind: 'place'; activity: Activity; radius: number }

/** The sender's sign-in still waiting for evidence, locked with its activity (null: none within the window). */
async function pending(w: Work, wxid: string) {
  const s = await activityRepo.pendingCheckin(w.db, wxid, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS))
  if (!s) return null
  await activityRepo.lock(w.db, s.activityId)
  const a = await activityRepo.byId(w.db, s.activityId)
  return a && a.status === 'open' ? { a, s, policy: await policyOf(w, a) } : null
}

/** What is still missing after this piece of evidence; attendance when nothing is. */
async function complete(w: Work, p: { a: Activity; s: Signup; policy: ActivityPolicy }, s: Signup): Promise<Evidence> {
  const needs = needsOf(p.a, p.policy)
  const missing = { location: needs.location && s.distanceM === null, photo: needs.photo && !s.photoAt }
  if (missing.location || missing.photo) return { kind: 'more', activity: p.a, needs: missing }
  const late = await attend(w, p.a, s, s.checkinAt ?? w.now, p.policy)
  return { kind: 'attended', activity: p.a, name: s.name, late, walkIn: s.walkIn }
}

/** A location: the sender's waiting sign-in's (checked against the radius), or the place of an activity they just made. */
export async function attachActivityLocation(w: Work, who: { wxid: string; memberId: number | null }, loc: Point): Promise<Evidence | null> {
  const p = await pending(w, who.wxid)
  if (p) {
    const needs = needsOf(p.a, p.policy)
    if (!needs.location) return null
    const place = { latitude: must(p.a.latitude, 'ACTIVITY_NO_PLACE'), longitude: must(p.a.longitude, 'ACTIVITY_NO_PLACE') }
    const distance = Math.round(distanceM(place, loc))
    if (distance > p.policy.checkIn.radius) return { kind: 'far', activity: p.a, distance, radius: p.policy.checkIn.radius }
    return complete(w, p, await activityRepo.updateSignup(w.db, p.s.id, { distanceM: distance }))
  }
  if (!who.memberId) return null
  const made = await activityRepo.placeless(w.db, who.memberId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS))
  if (!made) return null
  const a = await activityRepo.update(w.db, made.id, { latitude: loc.latitude, longitude: loc.longitude })
  return { kind: 'place', activity: a, radius: (await policyOf(w, a)).checkIn.radius }
}

/** A photo: the sender's waiting sign-in's, when the policy asks one (kept as media). */
export async function attachActivityPhoto(
  w: Work,
  who: { wxid: string; memberId: number | null; roomId: number },
  photo: { accountId: string; messageId: string; path: string },
): Promise<Evidence | null> {
  const p = await pending(w, who.wxid)
  if (!p || !needsOf(p.a, p.policy).photo || p.s.photoAt) return null
  await activityRepo.keepPhoto(w.db, { ...who, ...photo, at: w.now })
  return complete(w, p, await activityRepo.updateSignup(w.db, p.s.id, { photoAt: w.now }))
}

/** The reply to a location or photo that was a sign-in's evidence or an activity's place. */
export function evidenceText(e: Evidence): string {
  if (e.kind === 'far') return activityTexts.tooFar(e.activity, e.distance, e.radius)
  if (e.kind === 'more') return activityTexts.evidenceMore(e.activity, e.needs)
  if (e.kind === 'place') return activityTexts.placeSet(e.activity, e.radius)
  return activityTexts.checkedIn(e.activity, e.name, e.walkIn, e.late)
}
