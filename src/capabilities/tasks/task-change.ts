// How a task changes: the transition table decides (task-rules.ts), one conditional update applies it only while the
// task is as it was read, and an event row records it.
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { taskRepo } from './task.repo.ts'
import { decide, relationsTo, type TaskAction } from './task-rules.ts'
import { refusalText, taskTexts } from './task.texts.ts'
import type { Task, TaskStatus } from './task.types.ts'
import { refuse, type TaskInUnit, type TaskOp } from './task-op.ts'

async function memberName(op: Pick<TaskOp, 'db'>, id: number | null): Promise<string> {
  if (!id) return ''
  return (await orgRepo.membersByIds(op.db, [id]))[0]?.name ?? ''
}

/** The transition table's answer for this actor, or the refusal in words. */
export async function authorize(op: TaskOp, task: TaskInUnit, action: TaskAction): Promise<TaskStatus> {
  // Only a volunteer of the task's own unit needs the unit's policy (may volunteers claim here?).
  const volunteersClaim = op.actor.role === 'volunteer' && op.actor.unitId === task.unitId && (await unitContext(op.db, task.unit)).policy.volunteersClaim
  const d = decide(task.status, action, relationsTo(op.actor, task, task.unit, volunteersClaim))
  if (d.ok) return d.to
  const holderName = d.code === 'TASK_TAKEN' || d.code === 'TASK_NOT_HOLDER' ? await memberName(op, task.holderId) : ''
  throw refuse(d.code, refusalText(d.code, action, task, { unitName: task.unit.name, holderName, holderIsYou: task.holderId === op.actor.id }))
}

/** Applies a change only while the task is as it was read (status, holder, cycle): someone else may have been first. */
export async function change(op: TaskOp, task: TaskInUnit, data: Parameters<typeof taskRepo.transition>[3]): Promise<void> {
  const ok = await taskRepo.transition(op.db, task.id, { status: task.status, holderId: task.holderId, escalationCycle: task.escalationCycle }, data)
  if (!ok) throw refuse('TASK_CHANGED', taskTexts.changed(task))
}

export async function event(op: TaskOp, task: Pick<Task, 'id'>, kind: string, from: TaskStatus | null, to: TaskStatus | null, note?: string | null) {
  await taskRepo.addEvent(op.db, {
    taskId: task.id,
    at: op.now,
    kind,
    actorId: op.actor.id,
    roomId: op.room.id,
    fromStatus: from,
    toStatus: to,
    note: note ?? null,
  })
}
