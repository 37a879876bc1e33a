// 需求 → 任务 → 领题: creating, claiming, progressing, completing, abandoning, cancelling, taking over,
// reassigning and chasing tasks. Every change is a conditional update plus an event row; messages and timers
// are effects flushed after commit.
import type { DbOrTx } from '../../db/client.ts'
import type { Member, Room, Task, Unit } from '../../db/generated/client.ts'
import type { TaskStatus } from '../../db/generated/enums.ts'
import { AppError } from '../../core/errors.ts'
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import { formatLocal } from '../../core/time.ts'
import { orgRepo } from '../org/org.repo.ts'
import { taskRepo } from './task.repo.ts'
import { claimedTimers, startCycle, stopTimers, tellReachedRooms, unitContext } from './escalation.service.ts'
import { isSupervisorOver, mayClaim, mayCreateIn, maySee, mayWorkOn } from './task-access.ts'
import { STATUS_LABEL, taskId } from './task-format.ts'

export type Actor = Member & { unit: Unit }

export interface TaskOp {
  db: DbOrTx
  effects: Effects
  now: Date
  actor: Actor
  /** The room the command was typed in. */
  room: Room & { unit: Unit }
  /** For deterministic keys of what this command posts. */
  messageId: string
}

const EVIDENCE_WINDOW_MS = 5 * 60_000

const refuse = (code: string, user: string) => new AppError(code, code.toLowerCase(), user)

export async function findTask(op: Pick<TaskOp, 'db' | 'actor'>, ref: string): Promise<Task & { unit: Unit }> {
  const m = /^[Tt](\d{1,7})$/.exec(ref.trim())
  if (!m) throw refuse('TASK_REF', `任务编号应为 T 加数字,如 T12(收到的是「${ref.slice(0, 20)}」)`)
  const task = await taskRepo.taskByNumber(op.db, op.actor.unit.districtId!, Number(m[1]))
  if (!task) throw refuse('TASK_UNKNOWN', `没有任务 T${m[1]},请核对编号(#任务列表 可查看)`)
  const unit = (await orgRepo.unitById(op.db, task.unitId))!
  if (!maySee(op.actor, unit)) throw refuse('TASK_NOT_VISIBLE', `任务 T${m[1]} 属于${unit.name},您无权查看或办理`)
  return { ...task, unit }
}

async function memberName(db: DbOrTx, id: number | null): Promise<string> {
  if (!id) return ''
  return (await orgRepo.membersByIds(db, [id]))[0]?.name ?? ''
}

async function event(op: TaskOp, task: Pick<Task, 'id'>, kind: string, from: TaskStatus | null, to: TaskStatus | null, note?: string | null) {
  await taskRepo.addEvent(op.db, { taskId: task.id, at: op.now, kind, actorId: op.actor.id, roomId: op.room.id, fromStatus: from, toStatus: to, note: note ?? null })
}

export interface NewTask {
  title: string
  urgent: boolean
  deadline: Date | null
  notify: Member[]
  needNumber?: number
}

export async function createTask(op: TaskOp, input: NewTask) {
  const unit = op.room.unit
  if (!mayCreateIn(op.actor, unit)) throw refuse('TASK_CREATE_DENIED', `只有本单位网格员或上级负责人可以在${unit.name}创建任务`)
  let needDbId: number | null = null
  if (input.needNumber !== undefined) {
    const need = await taskRepo.needByNumber(op.db, unit.districtId!, input.needNumber)
    if (!need) throw refuse('NEED_UNKNOWN', `没有需求 N${input.needNumber}`)
    const needUnit = (await orgRepo.unitById(op.db, need.unitId))!
    if (!maySee(op.actor, needUnit)) throw refuse('NEED_NOT_VISIBLE', `需求 N${input.needNumber} 属于${needUnit.name},您无权办理`)
    if (need.status !== 'open') throw refuse('NEED_NOT_OPEN', `需求 N${input.needNumber} 已${need.status === 'converted' ? '转为任务' : '关闭'}`)
    needDbId = need.id
    input.title ||= need.description
  }
  const number = await taskRepo.nextNumber(op.db, unit.districtId!, 'T')
  const ctx = await unitContext(op.db, unit)
  const task = await taskRepo.createTask(op.db, {
    districtId: unit.districtId!, number, unitId: unit.id, roomId: op.room.id, title: input.title.slice(0, 200),
    priority: input.urgent ? 'urgent' : 'normal', deadline: input.deadline, creatorId: op.actor.id, needId: needDbId,
    notifyWxids: input.notify.map((m) => m.wxid), createdAt: op.now,
  })
  const cycle = startCycle(task, 'unclaimed', op.now, ctx, op.effects, task.id)
  await taskRepo.transition(op.db, task.id, {}, cycle)
  if (needDbId && !(await taskRepo.convertNeed(op.db, needDbId, task.id))) throw refuse('NEED_RACE', `需求 N${input.needNumber} 刚被转为任务`)
  await event(op, task, 'created', null, 'open', input.needNumber !== undefined ? `来自需求 N${input.needNumber}` : null)
  return { ...task, ...cycle }
}

export async function claimTask(op: TaskOp, ref: string) {
  const task = await findTask(op, ref)
  if (task.status === 'claimed') {
    const who = task.holderId === op.actor.id ? '您' : await memberName(op.db, task.holderId)
    throw refuse('TASK_TAKEN', `${taskId(task)} 已由${who}认领`)
  }
  if (task.status !== 'open') throw refuse('TASK_CLOSED', `${taskId(task)} ${STATUS_LABEL[task.status]},不能认领`)
  if (!mayClaim(op.actor, task.unit)) throw refuse('TASK_CLAIM_DENIED', `${taskId(task)} 属于${task.unit.name},请由本单位网格员认领`)
  return assign(op, task, op.actor, 'claimed', 'open')
}

/** Gives an open or claimed task to `holder`; stops its escalation and tells the rooms it reached. */
async function assign(op: TaskOp, task: Task & { unit: Unit }, holder: Member, kind: 'claimed' | 'taken_over' | 'reassigned', from: TaskStatus) {
  const ctx = await unitContext(op.db, task.unit)
  const timers = claimedTimers(task, op.now, ctx, op.effects, task.id)
  const ok = await taskRepo.transition(op.db, task.id, { status: from, holderId: task.holderId, escalationCycle: task.escalationCycle }, {
    status: 'claimed', holderId: holder.id, claimedAt: op.now, ...timers,
  })
  if (!ok) throw refuse('TASK_CHANGED', `${taskId(task)} 刚刚有了变化,请发送 #任务 ${taskId(task)} 查看后再试`)
  const note = kind === 'claimed' ? null : `由 ${holder.name} 负责`
  await event(op, task, kind, from, 'claimed', note)
  const verb = kind === 'claimed' ? `已由 ${holder.name} 认领` : kind === 'taken_over' ? `已由 ${holder.name} 接手` : `已转派给 ${holder.name}`
  await tellReachedRooms(op.db, op.effects, task, `✅ ${task.unit.name} 任务 ${taskId(task)}「${task.title}」${verb}。`, `${kind}-${op.messageId}`)
  return { task, holder, deadline: task.deadline }
}

export async function progressTask(op: TaskOp, ref: string, text: string) {
  const task = await findTask(op, ref)
  if (task.status === 'done' || task.status === 'cancelled') throw refuse('TASK_CLOSED', `${taskId(task)} ${STATUS_LABEL[task.status]}`)
  if (!mayWorkOn(op.actor, task, task.unit)) throw refuse('TASK_NOT_HOLDER', `${taskId(task)} 不是您负责的任务`)
  await event(op, task, 'progress', task.status, task.status, text.slice(0, 500))
  return task
}

export async function completeTask(op: TaskOp, ref: string, result: string) {
  const task = await findTask(op, ref)
  if (task.status === 'done') throw refuse('TASK_DONE', `${taskId(task)} 已经完成了`)
  if (task.status === 'cancelled') throw refuse('TASK_CLOSED', `${taskId(task)} 已取消`)
  if (task.status === 'open' && !mayClaim(op.actor, task.unit)) throw refuse('TASK_CLAIM_DENIED', `${taskId(task)} 属于${task.unit.name},您无权办理`)
  if (task.status === 'claimed' && !mayWorkOn(op.actor, task, task.unit)) {
    throw refuse('TASK_NOT_HOLDER', `${taskId(task)} 由${await memberName(op.db, task.holderId)}负责,不能替别人完成`)
  }
  const ok = await taskRepo.transition(op.db, task.id, { status: task.status, holderId: task.holderId, escalationCycle: task.escalationCycle }, {
    status: 'done', holderId: task.holderId ?? op.actor.id, result: result.slice(0, 500), closedAt: op.now, ...stopTimers,
    escalationCycle: task.escalationCycle + 1,
  })
  if (!ok) throw refuse('TASK_CHANGED', `${taskId(task)} 刚刚有了变化,请稍后再试`)
  const evidence = (await taskRepo.attachEvidence(op.db, op.actor.id, task.id, new Date(op.now.getTime() - EVIDENCE_WINDOW_MS), op.now)).count
  await event(op, task, 'completed', task.status, 'done', result.slice(0, 500))
  await tellReachedRooms(op.db, op.effects, task, `✅ ${task.unit.name} 任务 ${taskId(task)}「${task.title}」已完成。`, `done-${op.messageId}`)
  return { task, evidence }
}

/** An image a member sends within 5 minutes after completing a task becomes its evidence. */
export async function attachLateEvidence(db: DbOrTx, memberId: number, now: Date, mediaAt: Date) {
  const task = await taskRepo.recentlyCompletedBy(db, memberId, new Date(now.getTime() - EVIDENCE_WINDOW_MS))
  if (!task) return null
  await taskRepo.attachEvidence(db, memberId, task.id, mediaAt, mediaAt)
  await taskRepo.addEvent(db, { taskId: task.id, at: now, kind: 'evidence', actorId: memberId })
  return task
}

export async function abandonTask(op: TaskOp, ref: string, reason: string) {
  const task = await findTask(op, ref)
  if (task.status !== 'claimed') throw refuse('TASK_NOT_CLAIMED', `${taskId(task)} ${STATUS_LABEL[task.status]},无需放弃`)
  if (!mayWorkOn(op.actor, task, task.unit)) throw refuse('TASK_NOT_HOLDER', `${taskId(task)} 不是您负责的任务`)
  const ctx = await unitContext(op.db, task.unit)
  const cycle = startCycle(task, 'unclaimed', op.now, ctx, op.effects, task.id)
  const ok = await taskRepo.transition(op.db, task.id, { status: 'claimed', holderId: task.holderId, escalationCycle: task.escalationCycle }, {
    status: 'open', holderId: null, claimedAt: null, nextReminderAt: null, ...cycle,
  })
  if (!ok) throw refuse('TASK_CHANGED', `${taskId(task)} 刚刚有了变化,请稍后再试`)
  await event(op, task, 'abandoned', 'claimed', 'open', reason || null)
  return task
}

export async function cancelTask(op: TaskOp, ref: string, reason: string) {
  const task = await findTask(op, ref)
  if (task.status === 'done' || task.status === 'cancelled') throw refuse('TASK_CLOSED', `${taskId(task)} ${STATUS_LABEL[task.status]}`)
  if (task.creatorId !== op.actor.id && !isSupervisorOver(op.actor, task.unit)) throw refuse('TASK_CANCEL_DENIED', `只有创建人或上级负责人可以取消 ${taskId(task)}`)
  const ok = await taskRepo.transition(op.db, task.id, { status: task.status, escalationCycle: task.escalationCycle }, {
    status: 'cancelled', closedAt: op.now, ...stopTimers, escalationCycle: task.escalationCycle + 1,
  })
  if (!ok) throw refuse('TASK_CHANGED', `${taskId(task)} 刚刚有了变化,请稍后再试`)
  await event(op, task, 'cancelled', task.status, 'cancelled', reason || null)
  await tellReachedRooms(op.db, op.effects, task, `${task.unit.name} 任务 ${taskId(task)}「${task.title}」已取消。`, `cancel-${op.messageId}`)
  return task
}

export async function takeOverTask(op: TaskOp, ref: string) {
  const task = await findTask(op, ref)
  if (!isSupervisorOver(op.actor, task.unit)) throw refuse('TASK_TAKEOVER_DENIED', `只有${task.unit.name}的上级负责人可以接手 ${taskId(task)}`)
  if (task.status === 'done' || task.status === 'cancelled') throw refuse('TASK_CLOSED', `${taskId(task)} ${STATUS_LABEL[task.status]}`)
  if (task.holderId === op.actor.id) throw refuse('TASK_ALREADY_YOURS', `${taskId(task)} 已由您负责`)
  return assign(op, task, op.actor, 'taken_over', task.status)
}

export async function reassignTask(op: TaskOp, ref: string, to: Member & { unit: Unit }) {
  const task = await findTask(op, ref)
  if (!isSupervisorOver(op.actor, task.unit)) throw refuse('TASK_REASSIGN_DENIED', `只有${task.unit.name}的上级负责人可以转派 ${taskId(task)}`)
  if (task.status === 'done' || task.status === 'cancelled') throw refuse('TASK_CLOSED', `${taskId(task)} ${STATUS_LABEL[task.status]}`)
  if (!maySee(to, task.unit)) throw refuse('TASK_REASSIGN_OUTSIDE', `${to.name} 不在${task.unit.name}或其上级单位,不能承接此任务`)
  if (task.holderId === to.id) throw refuse('TASK_SAME_HOLDER', `${taskId(task)} 已由 ${to.name} 负责`)
  const r = await assign(op, task, to, 'reassigned', task.status)
  // The new holder hears it in the task's own room.
  const room = await orgRepo.roomById(op.db, task.roomId)
  if (room?.wxRoomId) {
    const due = task.deadline ? `,截止 ${formatLocal(task.deadline)}` : ''
    op.effects.post({ accountId: room.accountId, roomId: room.wxRoomId, text: `📌 ${op.actor.name} 将任务 ${taskId(task)}「${task.title}」转派给您${due}。`, mentionIds: [to.wxid] }, jobId('reassign', task.id, op.messageId))
  }
  return r
}

export async function chaseTask(op: TaskOp, ref: string) {
  const task = await findTask(op, ref)
  if (task.status === 'done' || task.status === 'cancelled') throw refuse('TASK_CLOSED', `${taskId(task)} ${STATUS_LABEL[task.status]},无需催办`)
  const room = await orgRepo.roomById(op.db, task.roomId)
  const targets = task.holderId ? await orgRepo.membersByIds(op.db, [task.holderId]) : await orgRepo.membersIn(op.db, [task.unitId], ['grid_cadre'])
  await event(op, task, 'chased', task.status, task.status)
  if (room?.wxRoomId) {
    const what = task.holderId ? '请尽快办理并回复进展' : '目前无人认领,请尽快认领'
    op.effects.post({ accountId: room.accountId, roomId: room.wxRoomId, text: `📣 ${op.actor.name} 催办:任务 ${taskId(task)}「${task.title}」${what}。`, mentionIds: targets.map((m) => m.wxid), urgent: task.priority === 'urgent' }, jobId('chase', task.id, op.messageId))
  }
  return { task, targets }
}

export async function taskHistory(op: Pick<TaskOp, 'db' | 'actor'>, ref: string) {
  const task = await findTask(op, ref)
  const events = await taskRepo.events(op.db, task.id)
  const people = await orgRepo.membersByIds(op.db, [...new Set([task.holderId, task.creatorId, ...events.map((e) => e.actorId)].filter((x): x is number => x !== null))])
  const names = new Map(people.map((p) => [p.id, p.name]))
  const evidence = await taskRepo.countEvidence(op.db, task.id)
  return { task, events, names, evidence }
}

