// Recurring activities (#活动 定时 每月9日9点 议事日 @任城区): a series whose timer creates each occurrence's activity
// (its own id, sign-up, 招募令 and reminders) a week ahead, exactly once: the occurrence is claimed on the series row
// (nextAt moves on), and the activity's unique (series, occurrence) is the second guard — the notice scheduler's
// pattern, on the same timers queue and cron evaluation (kernel/time/schedule-time.ts).
import { jobId } from '../../core/ids.ts'
import type { Effects } from '../../core/effects.ts'
import type { DbOrTx } from '../../db/client.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type MemberWithUnit, type Room, type Unit } from '../../kernel/org/org.types.ts'
import { nextOccurrence } from '../../kernel/time/schedule-time.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import { activityKind, DEFAULT_ACTIVITY_MS, type ActivityTail } from '../../parser/activity-args.ts'
import { activityRepo } from './activity.repo.ts'
import { createActivity, refuse, targetOf, type ActivityOp } from './activity.service.ts'
import { activityTexts } from './activity.texts.ts'
import { ACTIVITY_KEY, SERIES_TIMER } from './activity.types.ts'
import { activityPolicyFor } from './activity-policy.ts'

/** Each occurrence's activity is created this long before it starts (sign-up opens then). */
export const LEAD_MS = 7 * 86_400_000
export const seriesCycle = (at: Date) => Math.floor(at.getTime() / 60_000)
const dueFor = (occurrence: Date, now: Date) => new Date(Math.max(now.getTime(), occurrence.getTime() - LEAD_MS))

export async function createSeries(op: ActivityOp, actor: MemberWithUnit, a: { cron: string; phrase: string; tail: ActivityTail }) {
  const target = await targetOf(op, actor, op.room, a.tail.target)
  const first = nextOccurrence(a.cron, op.now)
  if (!first) throw refuse('ACTIVITY_SCHEDULE', activityTexts.scheduleNever(a.phrase))
  const districtId = districtOf(op.room.unit)
  const series = await activityRepo.createSeries(op.db, {
    districtId,
    number: await shortIdRepo.next(op.db, districtId, 'AS'),
    unitId: op.room.unitId,
    roomId: op.room.id,
    creatorId: actor.id,
    targetUnitId: target?.id ?? null,
    name: a.tail.name,
    kind: activityKind(a.tail.name, (await activityPolicyFor(op.db, op.room.unit)).kinds),
    place: a.tail.place,
    capacity: a.tail.capacity,
    minutes: DEFAULT_ACTIVITY_MS / 60_000,
    cron: a.cron,
    phrase: a.phrase,
    nextAt: first,
    createdAt: op.now,
  })
  op.effects.schedule({ kind: SERIES_TIMER, subjectId: series.id, cycle: seriesCycle(first), step: 0, dueAt: dueFor(first, op.now) })
  return { series, first, targetName: target?.name ?? null }
}

export async function runSeriesOccurrence(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number): Promise<StepOutcome> {
  const s = await activityRepo.seriesById(db, id)
  if (!s?.active || !s.nextAt || seriesCycle(s.nextAt) !== cycle) return 'stale'
  const occurrence = s.nextAt
  // After downtime an occurrence already past is skipped: the next one still ahead is scheduled.
  const following = nextOccurrence(s.cron, new Date(Math.max(occurrence.getTime(), now.getTime())))
  if (!(await activityRepo.claimOccurrence(db, id, occurrence, following))) return 'stale'
  if (following) effects.schedule({ kind: SERIES_TIMER, subjectId: id, cycle: seriesCycle(following), step: 0, dueAt: dueFor(following, now) })
  if (occurrence.getTime() <= now.getTime()) return 'stale'
  const [creator] = await orgRepo.membersByIds(db, [s.creatorId])
  const room = await orgRepo.roomById(db, s.roomId)
  const unit = room && (await orgRepo.unitById(db, room.unitId))
  if (!creator?.active || !room?.wxRoomId || !unit) return 'stale'
  const target = s.targetUnitId ? (s.targetUnitId === districtOf(unit as Unit) ? '*' : ((await orgRepo.unitById(db, s.targetUnitId))?.name ?? null)) : null
  const op: ActivityOp = { db, effects, now, room: { ...(room as Room), unit: unit as Unit }, messageId: `series:${id}:${cycle}` }
  const draft = {
    startsAt: occurrence,
    endsAt: new Date(occurrence.getTime() + s.minutes * 60_000),
    name: s.name,
    place: s.place,
    capacity: s.capacity,
    target,
    project: null,
    timeText: s.phrase,
  }
  const r = await createActivity(op, { actor: creator as MemberWithUnit, draft, series: { id, occurrenceAt: occurrence } })
  effects.post(
    { accountId: room.accountId, roomId: room.wxRoomId, text: activityTexts.occurrenceCreated(r.activity, s.phrase, r.rooms), mentionIds: [] },
    jobId(ACTIVITY_KEY, 'series', id, cycle),
  )
  return 'posted'
}
