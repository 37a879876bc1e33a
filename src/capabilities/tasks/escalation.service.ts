// Escalation up the group tree and reminders before deadlines (PagerDuty/GoAlert style): a job carries only ids;
// the handler re-reads the task, claims its step with a conditional update, then posts and schedules the next
// step after commit. A retried, duplicated or stale job never posts twice.
import { must } from '../../core/must.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { OutboundMessage } from '../../core/message.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Room } from '../../kernel/org/org.types.ts'
import { taskRepo } from './task.repo.ts'
import { taskEscalated } from './task-events.ts'
import type { Publisher } from '../../kernel/work.ts'
import { unitContext, type UnitContext } from '../../kernel/org/unit-context.ts'
import { escalationDueAt, nextReminder, type EscalationKind } from '../../kernel/escalation/schedule.ts'
import { escalationStep, liveKind, reminderStep } from './escalation-step.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import { taskTexts } from './task.texts.ts'
import type { Task } from './task.types.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import { finishEscalationStep } from '../../kernel/escalation/escalation-tail.ts'
import { clockOf } from '../../kernel/escalation/clock.ts'
import { levelZeroMentions } from '../../kernel/escalation/level-zero.ts'

/** Fields that start an escalation cycle (a task became unclaimed, or its holder is expected to be late). */
export function startCycle(
  task: Pick<Task, 'escalationCycle' | 'priority'>,
  kind: EscalationKind,
  base: Date,
  ctx: UnitContext,
  effects: Effects,
  taskIdValue: number,
) {
  const cycle = task.escalationCycle + 1
  const clock = clockOf({ kind: 'task', urgent: task.priority === 'urgent' }, ctx.policy)
  const nextEscalationAt = escalationDueAt({ kind, base, level: 0, lastAt: null, clock, quietHours: ctx.policy.quietHours })
  effects.schedule({ kind: 'escalate', subjectId: taskIdValue, cycle, step: 0, dueAt: nextEscalationAt })
  return {
    escalationCycle: cycle,
    escalationKind: kind,
    escalationLevel: -1,
    escalationBase: base,
    lastEscalatedAt: null,
    nextEscalationAt,
    escalatedRoomIds: [] as number[],
  }
}

/** Fields that stop escalation and reminders (claimed without deadline, done, cancelled). */
export const stopTimers = { nextEscalationAt: null, nextReminderAt: null, escalationKind: null }

/** After a claim: reminders before the deadline, and the overdue cycle waiting at the deadline. */
export function claimedTimers(task: Pick<Task, 'escalationCycle' | 'priority' | 'deadline'>, now: Date, ctx: UnitContext, effects: Effects, id: number) {
  if (!task.deadline) return { ...stopTimers, escalationCycle: task.escalationCycle + 1, escalatedRoomIds: [] as number[], remindersSent: 0 }
  const overdue = startCycle(task, 'overdue', task.deadline, ctx, effects, id)
  const next = nextReminder({ deadline: task.deadline, sent: 0, now, urgent: task.priority === 'urgent', policy: ctx.policy })
  if (next) effects.schedule({ kind: 'remind', subjectId: id, cycle: overdue.escalationCycle, step: next.index, dueAt: next.at })
  return { ...overdue, remindersSent: next?.index ?? ctx.policy.remindersMs.length, nextReminderAt: next?.at ?? null }
}

// Rooms come from queries that keep only bound ones (wxRoomId not null).
const say = (room: Room, text: string, mentionIds: string[] = [], urgent = false): OutboundMessage => ({
  accountId: room.accountId,
  roomId: must(room.wxRoomId, 'ROOM_UNBOUND'),
  text,
  mentionIds,
  urgent,
})

export async function runEscalation(
  db: DbOrTx,
  effects: Effects,
  now: Date,
  id: number,
  cycle: number,
  level: number,
  events?: Publisher,
): Promise<StepOutcome> {
  const task = await taskRepo.taskById(db, id)
  const decision = escalationStep(task, cycle, level, now)
  const kind = task && liveKind(task, now)
  if (decision === 'stale' || !task || !kind) return 'stale'
  const unit = await orgRepo.unitById(db, task.unitId)
  if (!unit) return 'stale'
  const ctx = await unitContext(db, unit)
  const posts = await stepMessages(db, task, ctx, kind, level, now)
  const outcome = await finishEscalationStep({
    effects,
    now,
    decision,
    timer: { kind: 'escalate', subjectId: id, cycle, level },
    row: task,
    posts: posts.map((p) => ({ roomId: p.roomRowId, message: p.message, key: p.key })),
    pace: {
      kind,
      base: task.escalationBase ?? task.createdAt,
      clock: clockOf({ kind: 'task', urgent: task.priority === 'urgent' }, ctx.policy),
      policy: ctx.policy,
      depth: ctx.chain.length - 1,
    },
    claim: (step) => taskRepo.transition(db, id, { escalationCycle: cycle, escalationLevel: level - 1 }, step),
    record: (roomId) =>
      taskRepo.addEvent(db, {
        taskId: id,
        at: now,
        kind: kind === 'unclaimed' ? 'escalated' : 'overdue',
        level,
        roomId,
        note: roomId === null ? taskTexts.noRoomEvent() : null,
      }),
  })
  // Level 0 reminded the task's own group; level n reached the unit n levels up.
  const reached = ctx.chain[ctx.chain.length - 1 - level] ?? unit
  if (outcome === 'posted') await taskEscalated({ db, effects, now, events }, task, { level, kind, reachedUnitId: reached.id })
  return outcome
}

async function stepMessages(db: DbOrTx, task: Task, ctx: UnitContext, kind: EscalationKind, level: number, now: Date) {
  const out: { message: OutboundMessage; key: string; roomRowId: number }[] = []
  const urgent = task.priority === 'urgent'
  const waited = now.getTime() - (kind === 'unclaimed' ? task.createdAt : (task.deadline ?? task.createdAt)).getTime()
  const holder = task.holderId ? (await orgRepo.membersByIds(db, [task.holderId]))[0] : undefined
  if (level === 0) {
    const room = await orgRepo.roomById(db, task.roomId)
    if (!room?.wxRoomId) return out
    let text: string
    let mentions: string[]
    if (kind === 'unclaimed') {
      // The unit that must act, never back to whoever raised the task (issue #22).
      const cadres = await orgRepo.membersIn(db, [task.unitId], ['grid_cadre'])
      const supervisors = cadres.length ? [] : await orgRepo.membersIn(db, [task.unitId], ['supervisor'])
      mentions = levelZeroMentions({ cadres, supervisors, raiserId: task.creatorId }).map((m) => m.wxid)
      text = taskTexts.unclaimedNudge(task, waited)
    } else {
      mentions = holder ? [holder.wxid] : []
      text = taskTexts.overdueNudge(task, task.deadline ?? now)
    }
    out.push({ message: say(room, text, mentions, urgent), key: jobId('esc', task.id, task.escalationCycle, level, room.id), roomRowId: room.id })
    return out
  }
  const target = ctx.chain[ctx.chain.length - 1 - level]
  if (!target) return out
  const sups = await orgRepo.membersIn(db, [target.id], ['supervisor'])
  const rooms = await orgRepo.roomsOfUnit(db, target.id)
  // Posted in the rooms of units above the task's own: personal data in the title stays in its own group.
  const text = maskPersonalData(
    taskTexts.escalated(task, { level, unitName: ctx.unit.name, unclaimed: kind === 'unclaimed', waited, holderName: holder?.name }),
  )
  for (const room of rooms) {
    out.push({
      message: say(
        room,
        text,
        sups.map((s) => s.wxid),
        urgent,
      ),
      key: jobId('esc', task.id, task.escalationCycle, level, room.id),
      roomRowId: room.id,
    })
  }
  return out
}

export async function runReminder(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number, index: number): Promise<StepOutcome> {
  const task = await taskRepo.taskById(db, id)
  const decision = reminderStep(task, cycle, index)
  if (decision === 'reschedule' && task?.nextReminderAt) {
    // Sent by an earlier run that may have died before scheduling the next one (same job id: harmless).
    effects.schedule({ kind: 'remind', subjectId: id, cycle, step: task.remindersSent, dueAt: task.nextReminderAt })
  }
  if (decision !== 'post' || !task?.deadline) return 'stale'
  const deadline = task.deadline
  const unit = await orgRepo.unitById(db, task.unitId)
  if (!unit) return 'stale'
  const ctx = await unitContext(db, unit)
  const next = nextReminder({ deadline, sent: index + 1, now, urgent: task.priority === 'urgent', policy: ctx.policy })
  const ok = await taskRepo.transition(
    db,
    id,
    { escalationCycle: cycle, status: 'claimed' },
    { remindersSent: next?.index ?? ctx.policy.remindersMs.length, nextReminderAt: next?.at ?? null },
  )
  if (!ok) return 'stale'
  const room = await orgRepo.roomById(db, task.roomId)
  const holder = task.holderId ? (await orgRepo.membersByIds(db, [task.holderId]))[0] : undefined
  const left = deadline.getTime() - now.getTime()
  await taskRepo.addEvent(db, { taskId: id, at: now, kind: 'reminded', roomId: room?.id ?? null, note: taskTexts.reminderEvent(left) })
  if (room?.wxRoomId)
    effects.post(
      say(room, taskTexts.reminder(task, deadline, left), holder ? [holder.wxid] : [], task.priority === 'urgent'),
      jobId('remind', id, cycle, index),
    )
  if (next) effects.schedule({ kind: 'remind', subjectId: id, cycle, step: next.index, dueAt: next.at })
  return 'posted'
}
