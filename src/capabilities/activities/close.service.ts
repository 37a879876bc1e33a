// Closing an activity (#活动 A3 结束 [2小时] [总结]): once, by its organiser or a supervisor over its unit, after it
// started; each member present gets volunteer hours through the `activity.closed` event (points applies the #志愿
// rules: pending approval, or approved at once when the organiser is a supervisor above them and the policy says so).
// Cancelling (#活动 A3 取消) tells everyone signed up, in the groups where they signed up.
import { jobId } from '../../core/ids.ts'
import { publish } from '../../kernel/events.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { MemberWithUnit } from '../../kernel/org/org.types.ts'
import { isMeetingKind, parseHours } from '../../parser/activity-args.ts'
import { activityRepo } from './activity.repo.ts'
import { findActivity, refuse, type ActivityOp } from './activity.service.ts'
import { activityId, activityTexts } from './activity.texts.ts'
import { ACTIVITY_KEY } from './activity.types.ts'
import { activityPolicyFor } from './activity-policy.ts'
import { mayRun } from './signup.service.ts'
import { attendanceCounts } from './attendance-counts.ts'
import { must } from '../../core/must.ts'

const MAX_HOURS = 12
const MAX_SUMMARY = 200

type Ref = { number: number; label: string }

async function runnable(op: ActivityOp, actor: MemberWithUnit, ref: Ref) {
  const found = await findActivity(op, op.room, ref)
  await activityRepo.lock(op.db, found.id)
  const a = must(await activityRepo.byId(op.db, found.id), 'ACTIVITY_MISSING')
  if (!(await mayRun(op, actor, a))) throw refuse('ACTIVITY_NOT_ORGANISER', activityTexts.notOrganiser(activityId(a)))
  if (a.status !== 'open') throw refuse('ACTIVITY_NOT_OPEN', activityTexts.notOpen(activityId(a), a.status))
  return a
}

export async function closeActivity(op: ActivityOp, actor: MemberWithUnit, ref: Ref, words: string[]): Promise<string> {
  const a = await runnable(op, actor, ref)
  if (op.now.getTime() < a.startsAt.getTime()) throw refuse('ACTIVITY_NOT_STARTED', activityTexts.notStartedClose(activityId(a)))
  let minutes = Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000)
  let rest = words
  if (words[0] && /^[\d.]/.test(words[0])) {
    const m = parseHours(words[0], 4)
    if (m === null || m <= 0) throw refuse('ACTIVITY_HOURS', activityTexts.hoursBad(words[0]))
    minutes = m
    rest = words.slice(1)
  }
  if (minutes > MAX_HOURS * 60) throw refuse('ACTIVITY_HOURS', activityTexts.hoursTooLong(MAX_HOURS))
  const summary = rest.join(' ').trim().slice(0, MAX_SUMMARY) || null
  await activityRepo.finish(op.db, a.id, { status: 'closed', closedAt: op.now, minutes, summary })
  const signups = await activityRepo.signups(op.db, a.id)
  const counts = attendanceCounts(signups, true)
  const present = signups.filter((s) => s.status === 'signed' && s.attendedAt)
  if (!present.length) return activityTexts.closedNobody(a, counts)
  const members = await orgRepo.membersByIds(
    op.db,
    present.flatMap((s) => (s.memberId ? [s.memberId] : [])),
  )
  const policy = await activityPolicyFor(op.db, op.room.unit)
  const notes = await publish(op, 'activity.closed', {
    activity: { id: a.id, ref: activityId(a), name: a.name, kind: a.kind, roomId: op.room.id, unitId: a.unitId, day: a.startsAt },
    minutes,
    organiser: actor,
    attendees: members,
    supervisorApproves: policy.supervisorApproves,
    messageId: op.messageId,
    checkinType: isMeetingKind(a.kind, policy.kinds) ? 'meeting' : null,
  })
  return activityTexts.closed(a, { attendees: present.length, minutes, credited: notes, residents: present.length - members.length, counts })
}

export async function cancelActivity(op: ActivityOp, actor: MemberWithUnit, ref: Ref): Promise<{ text: string; mentionIds: string[] }> {
  const a = await runnable(op, actor, ref)
  await activityRepo.finish(op.db, a.id, { status: 'cancelled', closedAt: op.now })
  const signups = (await activityRepo.signups(op.db, a.id)).filter((s) => s.status !== 'cancelled')
  const byRoom = new Map<number, string[]>()
  for (const s of signups) byRoom.set(s.roomId, [...(byRoom.get(s.roomId) ?? []), s.wxid])
  for (const [roomId, wxids] of byRoom) {
    if (roomId === op.room.id) continue
    const room = await orgRepo.roomById(op.db, roomId)
    if (room?.wxRoomId)
      op.effects.post(
        { accountId: room.accountId, roomId: room.wxRoomId, text: activityTexts.cancelledNotice(a), mentionIds: wxids },
        jobId(ACTIVITY_KEY, 'cancelled', a.id, roomId),
      )
  }
  return { text: activityTexts.activityCancelled(a, signups.length), mentionIds: byRoom.get(op.room.id) ?? [] }
}
