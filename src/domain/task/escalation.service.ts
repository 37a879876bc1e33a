// Escalation up the group tree and reminders before deadlines (PagerDuty/GoAlert style): a job carries only ids;
// the handler re-reads the task, claims its step with a conditional update, then posts and schedules the next
// step after commit. A retried, duplicated or stale job never posts twice.
import type { DbOrTx } from '../../db/client.ts'
import type { Room, Task, Unit } from '../../db/generated/client.ts'
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { OutboundMessage } from '../../core/message.ts'
import { formatLocal } from '../../core/time.ts'
import { orgRepo } from '../org/org.repo.ts'
import { taskRepo } from './task.repo.ts'
import { escalationDueAt, formatWait, maxLevel, nextReminder, resolvePolicy, type EscalationKind, type TaskPolicy } from './policy.ts'
import { taskId } from './task-format.ts'

export interface UnitContext {
  unit: Unit
  /** From the district down to the unit. */
  chain: Unit[]
  policy: TaskPolicy
}

export async function unitContext(db: DbOrTx, unit: Unit): Promise<UnitContext> {
  const chain = [...(await orgRepo.ancestors(db, unit)), unit]
  return { unit, chain, policy: resolvePolicy(chain.map((u) => u.policy)) }
}

/** Fields that start an escalation cycle (a task became unclaimed, or its holder is expected to be late). */
export function startCycle(task: Pick<Task, 'escalationCycle' | 'priority'>, kind: EscalationKind, base: Date, ctx: UnitContext, effects: Effects, taskIdValue: number) {
  const cycle = task.escalationCycle + 1
  const nextEscalationAt = escalationDueAt({ kind, base, level: 0, lastAt: null, urgent: task.priority === 'urgent', policy: ctx.policy })
  effects.schedule({ kind: 'escalate', taskId: taskIdValue, cycle, step: 0, dueAt: nextEscalationAt })
  return { escalationCycle: cycle, escalationKind: kind, escalationLevel: -1, escalationBase: base, lastEscalatedAt: null, nextEscalationAt, escalatedRoomIds: [] as number[] }
}

/** Fields that stop escalation and reminders (claimed without deadline, done, cancelled). */
export const stopTimers = { nextEscalationAt: null, nextReminderAt: null, escalationKind: null }

/** After a claim: reminders before the deadline, and the overdue cycle waiting at the deadline. */
export function claimedTimers(task: Pick<Task, 'escalationCycle' | 'priority' | 'deadline'>, now: Date, ctx: UnitContext, effects: Effects, id: number) {
  if (!task.deadline) return { ...stopTimers, escalationCycle: task.escalationCycle + 1, escalatedRoomIds: [] as number[], remindersSent: 0 }
  const overdue = startCycle(task, 'overdue', task.deadline, ctx, effects, id)
  const next = nextReminder({ deadline: task.deadline, sent: 0, now, urgent: task.priority === 'urgent', policy: ctx.policy })
  if (next) effects.schedule({ kind: 'remind', taskId: id, cycle: overdue.escalationCycle, step: next.index, dueAt: next.at })
  return { ...overdue, remindersSent: next?.index ?? ctx.policy.remindersMs.length, nextReminderAt: next?.at ?? null }
}

const say = (room: Room, text: string, mentionIds: string[] = [], urgent = false): OutboundMessage => ({ accountId: room.accountId, roomId: room.wxRoomId!, text, mentionIds, urgent })

/** Tells every room a cycle reached (beyond the task's own) what became of the task. */
export async function tellReachedRooms(db: DbOrTx, effects: Effects, task: Pick<Task, 'id' | 'escalatedRoomIds' | 'escalationCycle' | 'roomId'>, text: string, what: string) {
  const rooms = await orgRepo.roomsByIds(db, task.escalatedRoomIds.filter((id) => id !== task.roomId))
  for (const room of rooms) effects.post(say(room, text), jobId('taken', task.id, task.escalationCycle, what, room.id))
}

/** A repost of a step this recent is a retry after a crash between commit and post (the outbox dedupes it). */
const REPOST_WINDOW_MS = 15 * 60_000

export type StepOutcome = 'posted' | 'reposted' | 'stale'

export async function runEscalation(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number, level: number): Promise<StepOutcome> {
  const task = await taskRepo.taskById(db, id)
  if (!task || task.escalationCycle !== cycle || !task.escalationKind) return 'stale'
  const kind = task.escalationKind as EscalationKind
  const live = kind === 'unclaimed' ? task.status === 'open' : task.status === 'claimed' && !!task.deadline && task.deadline.getTime() <= now.getTime()
  if (!live) return 'stale'
  // Only this step (again, after a crash) or the next one may run; anything else is a stale job: no queries.
  if (task.escalationLevel !== level && task.escalationLevel !== level - 1) return 'stale'
  const unit = await orgRepo.unitById(db, task.unitId)
  if (!unit) return 'stale'
  const ctx = await unitContext(db, unit)
  const posts = await stepMessages(db, task, ctx, kind, level, now)
  if (task.escalationLevel === level) {
    // Already claimed by an earlier run of this step: post again under the same keys (deduplicated downstream),
    // in case that run died between its commit and its posts.
    if (!task.lastEscalatedAt || now.getTime() - task.lastEscalatedAt.getTime() > REPOST_WINDOW_MS) return 'stale'
    for (const p of posts) effects.post(p.message, p.key)
    // That run may also have died before scheduling the next step (same job id: harmless if it did not).
    if (task.nextEscalationAt) effects.schedule({ kind: 'escalate', taskId: id, cycle, step: level + 1, dueAt: task.nextEscalationAt })
    return 'reposted'
  }
  const top = maxLevel(ctx.chain.length - 1, ctx.policy)
  const nextAt = level < top ? escalationDueAt({ kind, base: task.escalationBase ?? task.createdAt, level: level + 1, lastAt: now, urgent: task.priority === 'urgent', policy: ctx.policy }) : null
  const claimed = await taskRepo.transition(db, id, { escalationCycle: cycle, escalationLevel: level - 1 }, {
    escalationLevel: level,
    lastEscalatedAt: now,
    nextEscalationAt: nextAt,
    escalatedRoomIds: [...new Set([...task.escalatedRoomIds, ...posts.map((p) => p.roomRowId)])],
  })
  if (!claimed) return 'stale' // another run took this step first
  await taskRepo.addEvent(db, { taskId: id, at: now, kind: kind === 'unclaimed' ? 'escalated' : 'overdue', level, roomId: posts[0]?.roomRowId ?? null, note: posts.length ? null : '没有可发送的群' })
  for (const p of posts) effects.post(p.message, p.key)
  if (nextAt) effects.schedule({ kind: 'escalate', taskId: id, cycle, step: level + 1, dueAt: nextAt })
  return 'posted'
}

async function stepMessages(db: DbOrTx, task: Task, ctx: UnitContext, kind: EscalationKind, level: number, now: Date) {
  const out: { message: OutboundMessage; key: string; roomRowId: number }[] = []
  const urgent = task.priority === 'urgent'
  const tag = urgent ? '【紧急】' : ''
  const waited = formatWait(now.getTime() - (kind === 'unclaimed' ? task.createdAt : task.deadline!).getTime())
  const holder = task.holderId ? (await orgRepo.membersByIds(db, [task.holderId]))[0] : undefined
  if (level === 0) {
    const room = await orgRepo.roomById(db, task.roomId)
    if (!room?.wxRoomId) return out
    let text: string
    let mentions: string[]
    if (kind === 'unclaimed') {
      const cadres = await orgRepo.membersIn(db, [task.unitId], ['grid_cadre'])
      const who = cadres.length ? cadres : await orgRepo.membersIn(db, [task.unitId], ['supervisor'])
      mentions = who.map((m) => m.wxid)
      text = `⏰ ${tag}任务 ${taskId(task)}「${task.title}」已等待${waited}无人认领,请发送 #认领 ${taskId(task)}`
    } else {
      mentions = holder ? [holder.wxid] : []
      text = `⏰ ${tag}任务 ${taskId(task)}「${task.title}」已超过截止时间(${formatLocal(task.deadline!)}),请尽快完成:#完成 ${taskId(task)} 结果;或说明进展:#进展 ${taskId(task)} …`
    }
    out.push({ message: say(room, text, mentions, urgent), key: jobId('esc', task.id, task.escalationCycle, level, room.id), roomRowId: room.id })
    return out
  }
  const target = ctx.chain[ctx.chain.length - 1 - level]
  if (!target) return out
  const sups = await orgRepo.membersIn(db, [target.id], ['supervisor'])
  const rooms = await orgRepo.roomsOfUnit(db, target.id)
  const what = kind === 'unclaimed' ? `已等待${waited}无人认领` : `由${holder?.name ?? '(无人)'}负责,已逾期${waited}`
  const text = `⚠️ ${tag}上报(第${level}级):${ctx.unit.name} 任务 ${taskId(task)}「${task.title}」${what}。\n可发送 #接手 ${taskId(task)} 或 #转派 ${taskId(task)} @某人`
  for (const room of rooms) {
    out.push({ message: say(room, text, sups.map((s) => s.wxid), urgent), key: jobId('esc', task.id, task.escalationCycle, level, room.id), roomRowId: room.id })
  }
  return out
}

export async function runReminder(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number, index: number): Promise<StepOutcome> {
  const task = await taskRepo.taskById(db, id)
  if (!task || task.escalationCycle !== cycle || task.status !== 'claimed' || !task.deadline) return 'stale'
  if (task.remindersSent !== index) {
    // Already sent by an earlier run that may have died before scheduling the next one (same job id: harmless).
    if (task.remindersSent > index && task.nextReminderAt) effects.schedule({ kind: 'remind', taskId: id, cycle, step: task.remindersSent, dueAt: task.nextReminderAt })
    return 'stale'
  }
  const unit = await orgRepo.unitById(db, task.unitId)
  if (!unit) return 'stale'
  const ctx = await unitContext(db, unit)
  const next = nextReminder({ deadline: task.deadline, sent: index + 1, now, urgent: task.priority === 'urgent', policy: ctx.policy })
  const ok = await taskRepo.transition(db, id, { escalationCycle: cycle, status: 'claimed' }, { remindersSent: next?.index ?? ctx.policy.remindersMs.length, nextReminderAt: next?.at ?? null })
  if (!ok) return 'stale'
  const room = await orgRepo.roomById(db, task.roomId)
  const holder = task.holderId ? (await orgRepo.membersByIds(db, [task.holderId]))[0] : undefined
  await taskRepo.addEvent(db, { taskId: id, at: now, kind: 'reminded', roomId: room?.id ?? null, note: `距截止${formatWait(task.deadline.getTime() - now.getTime())}` })
  if (room?.wxRoomId) {
    const text = `⏰ 提醒:任务 ${taskId(task)}「${task.title}」将于 ${formatLocal(task.deadline)} 截止(还有${formatWait(task.deadline.getTime() - now.getTime())})。完成后请发送 #完成 ${taskId(task)} 结果`
    effects.post(say(room, text, holder ? [holder.wxid] : [], task.priority === 'urgent'), jobId('remind', id, cycle, index))
  }
  if (next) effects.schedule({ kind: 'remind', taskId: id, cycle, step: next.index, dueAt: next.at })
  return 'posted'
}
