// Scheduled and recurring notices (#通知 定时 每月9日9点 …, #定时列表, #取消定时 S2). The schedule row holds its next
// occurrence; a timer per occurrence (job id from the occurrence's time) wakes the handler, which claims the
// occurrence with a conditional update of `nextAt` and records the notice under the unique (schedule, occurrence):
// one notice per occurrence however many workers run, and after downtime the missed occurrence goes out once, late.
import { AppError } from '../../core/errors.ts'
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { SendPace } from '../../core/ports.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import { districtOf, type MemberWithUnit, type Room, type Unit } from '../../kernel/org/org.types.ts'
import { isAtOrAbove, isSupervisorOver } from '../../kernel/org/authority.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import type { Work } from '../../kernel/work.ts'
import { noticeRepo } from './notice.repo.ts'
import { refuse } from './notice-rules.ts'
import { maySendTo, sendNotice, type NoticeOp } from './notice.service.ts'
import { noticeTexts } from './notice.texts.ts'
import type { NoticeDraft, NoticeSchedule } from './notice.types.ts'
import { heldUntil, quietSpan } from '../../kernel/escalation/quiet-hours.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { followingOccurrence, nextOccurrence } from '../../kernel/time/schedule-time.ts'
import { unitNamed } from '../../kernel/org/org.service.ts'

/** A schedule's timer cycle: its occurrence in minutes since the epoch (one job id per occurrence). */
export const occurrenceCycle = (at: Date) => Math.floor(at.getTime() / 60_000)

/** An occurrence run this late (downtime) says so in its reply: 补发. */
const LATE_MS = 5 * 60_000

export type When = { kind: 'cron'; cron: string; phrase: string } | { kind: 'once'; at: Date; phrase: string }

export async function createSchedule(
  op: NoticeOp,
  draft: NoticeDraft,
  when: When,
): Promise<{ schedule: NoticeSchedule; targetName: string; quiet: { until: Date; span: string } | null }> {
  const target = draft.target ? await unitNamed(op, op.room, draft.target) : op.room.unit
  if (!target) throw refuse('NOTICE_NO_UNIT', noticeTexts.noUnit(draft.target ?? ''))
  if (!maySendTo(op.member, target as Unit)) throw refuse('NOTICE_DENIED', noticeTexts.onlySupervisors())
  const nextAt = when.kind === 'once' ? when.at : nextOccurrence(when.cron, op.now)
  if (!nextAt) throw refuse('NOTICE_SCHEDULE_NEVER', noticeTexts.scheduleUsage())
  const districtId = districtOf(op.room.unit)
  const schedule = await noticeRepo.createSchedule(op.db, {
    districtId,
    number: await noticeRepo.nextScheduleNumber(op.db, districtId),
    unitId: op.room.unitId,
    roomId: op.room.id,
    creatorId: op.member.id,
    targetUnitId: target.id,
    scope: draft.scope,
    text: draft.text,
    priority: draft.urgent ? 'urgent' : 'normal',
    confirm: !!draft.confirm,
    phrase: when.phrase,
    cron: when.kind === 'cron' ? when.cron : null,
    nextAt,
    createdAt: op.now,
  })
  op.effects.schedule({ kind: 'notice_schedule', subjectId: schedule.id, cycle: occurrenceCycle(nextAt), step: 0, dueAt: nextAt })
  // Sent in quiet hours, a normal notice's summary and re-@ wait for the morning: the creator is told now (issue #29).
  const { policy } = await unitContext(op.db, op.room.unit)
  const until = policy.quietHours ? heldUntil(nextAt, draft.urgent, policy.quietHours) : null
  const quiet = until && policy.quietHours ? { until, span: quietSpan(policy.quietHours) } : null
  return { schedule: schedule as NoticeSchedule, targetName: target.name, quiet }
}

/**
 * One occurrence: claimed (nextAt moved on to the following occurrence, or the schedule ends), then sent as a normal
 * notice with its own SLA. A stale, repeated or concurrent job finds nextAt moved and does nothing; the unique
 * (schedule, occurrence) on the notice is the second guard.
 */
export async function runScheduleOccurrence(db: DbOrTx, effects: Effects, now: Date, pace: SendPace, id: number, cycle: number): Promise<StepOutcome> {
  const s = await noticeRepo.scheduleById(db, id)
  if (!s?.active || !s.nextAt || occurrenceCycle(s.nextAt) !== cycle) return 'stale'
  const occurrence = s.nextAt
  const following = followingOccurrence(s.cron, occurrence, now)
  if (!(await noticeRepo.claimOccurrence(db, id, occurrence, following))) return 'stale'
  if (following) effects.schedule({ kind: 'notice_schedule', subjectId: id, cycle: occurrenceCycle(following), step: 0, dueAt: following })
  const [creator] = await orgRepo.membersByIds(db, [s.creatorId])
  const room = await orgRepo.roomById(db, s.roomId)
  const unit = room && (await orgRepo.unitById(db, room.unitId))
  if (!creator?.active || !room || !unit) return 'stale' // the creator left or the room is gone: nothing to send as them
  const targetUnit = await orgRepo.unitById(db, s.targetUnitId)
  const op: NoticeOp = { db, effects, now, member: creator as MemberWithUnit, room: { ...(room as Room), unit: unit as Unit }, pace }
  const draft: NoticeDraft = {
    text: s.text,
    urgent: s.priority === 'urgent',
    scope: s.scope,
    target: targetUnit && targetUnit.id !== unit.id ? targetUnit.name : null,
    confirm: s.confirm,
  }
  try {
    const sent = await sendNotice(op, draft, { id, occurrenceAt: occurrence })
    const late = now.getTime() - occurrence.getTime() > LATE_MS ? occurrence : null
    if (room.wxRoomId)
      effects.post(
        toRoom(room, `${noticeTexts.occurrence(s, sent.notice.number, late)}\n${noticeTexts.plan(sent.notice, sent.targetName, sent.plan, now, sent.held)}`),
        jobId('notice-occ', id, cycle),
      )
    return 'posted'
  } catch (e) {
    // (A second notice for this occurrence cannot get here: the claim above serialises workers on the schedule's row,
    // and the unique (schedule, occurrence) would roll the whole step back.)
    if (e instanceof AppError) {
      // Nothing to send to (rooms unbound since), or the creator may no longer send: say so where it was set.
      if (room.wxRoomId) effects.post(toRoom(room, noticeTexts.occurrenceRefused(s.number, e.userMessage)), jobId('notice-occ', id, cycle))
      return 'posted'
    }
    throw e
  }
}

/** The active schedules of a unit's subtree, next first, each with its unit's and its creator's names. */
export interface ScheduleListing {
  unit: Unit
  schedules: { schedule: NoticeSchedule; unitName: string; creatorName: string }[]
}

/** #定时列表: the active schedules of this unit's subtree, next first. */
export async function listSchedules(w: Work, unit: Unit): Promise<ScheduleListing> {
  const units = await orgRepo.subtree(w.db, unit)
  const names = new Map(units.map((u) => [u.id, u.name]))
  const list = await noticeRepo.activeSchedulesIn(
    w.db,
    units.map((u) => u.id),
  )
  const creators = new Map((await orgRepo.membersByIds(w.db, [...new Set(list.map((s) => s.creatorId))])).map((m) => [m.id, m.name]))
  return { unit, schedules: list.map((s) => ({ schedule: s, unitName: names.get(s.unitId) ?? '', creatorName: creators.get(s.creatorId) ?? '' })) }
}

/** #取消定时 S2: its creator, or a supervisor of its unit or above. */
export async function cancelSchedule(
  w: Work,
  member: MemberWithUnit,
  room: Room & { unit: Unit },
  number: number,
): Promise<{ number: number; phrase: string }> {
  const s = await noticeRepo.scheduleByNumber(w.db, districtOf(room.unit), number)
  if (!s) throw refuse('SCHEDULE_NOT_FOUND', noticeTexts.scheduleNotFound(number))
  const unit = await orgRepo.unitById(w.db, s.unitId)
  const [creator] = await orgRepo.membersByIds(w.db, [s.creatorId])
  const isCreator = s.creatorId === member.id
  // A fellow supervisor of the creator's own unit is no one above them (as #评定 and #审核): only the creator or a
  // supervisor of a unit above theirs; when the creator has left, the schedule's unit's supervisors may.
  const above =
    !!unit && isSupervisorOver(member, unit) && (!creator?.active || (isAtOrAbove(member.unit, creator.unit) && member.unit.path !== creator.unit.path))
  if (!isCreator && !above) throw refuse('SCHEDULE_NOT_YOURS', noticeTexts.scheduleNotYours(number))
  if (!(await noticeRepo.cancelSchedule(w.db, s.id, member.id, w.now))) throw refuse('SCHEDULE_INACTIVE', noticeTexts.scheduleAlreadyCancelled(number))
  // The creator is told, with an @, in the group where the schedule was set.
  if (!isCreator && creator?.active) {
    const home = await orgRepo.roomById(w.db, s.roomId)
    if (home?.wxRoomId)
      w.effects.post(toRoom(home as Room, noticeTexts.scheduleCancelledFor(number, s.phrase, member.name), [creator.wxid]), jobId('notice-cancel', s.id))
  }
  return { number, phrase: s.phrase }
}
