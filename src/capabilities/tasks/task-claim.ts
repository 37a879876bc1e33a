// A task gets a holder: claimed by a cadre (#认领), taken by progress on an open task of her unit (#进展), taken over
// by someone above (#接手). Its escalation stops and the rooms it reached are told.
import type { AppError } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { MemberWithUnit } from '../../kernel/org/org.types.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { tellReachedRooms } from '../../kernel/escalation/reached-rooms.ts'
import { taskRepo } from './task.repo.ts'
import { claimedTimers } from './escalation.service.ts'
import { taskTexts } from './task.texts.ts'
import { MAX_TEXT, refuse, type TaskInUnit, type TaskOp, type TaskRef } from './task-op.ts'
import { findTask } from './task-find.ts'
import { authorize, change, event } from './task-change.ts'
import { tellAssigner, tellFormerHolder } from './task-tell.ts'
import { taskClaimed } from './task-events.ts'

/** Gives an open or claimed task to `holder`; stops its escalation and tells the rooms it reached. */
export async function assign(op: TaskOp, task: TaskInUnit, holder: MemberWithUnit, how: 'claimed' | 'taken_over' | 'reassigned') {
  const ctx = await unitContext(op.db, task.unit)
  const timers = claimedTimers(task, op.now, ctx, op.effects, task.id)
  await change(op, task, { status: 'claimed', holderId: holder.id, claimedAt: op.now, ...timers })
  await event(op, task, how, task.status, 'claimed', how === 'claimed' ? null : taskTexts.assignedNote(holder.name))
  await taskClaimed(op, task, how)
  await tellReachedRooms(op.db, op.effects, task, taskTexts.reachedTaken(task, task.unit.name, how, holder.name), `${how}-${op.messageId}`, op.room.id)
  await tellAssigner(op, task, taskTexts.reachedTaken(task, task.unit.name, how, holder.name), how)
  return { task, holder }
}

export async function claimTask(op: TaskOp, ref: TaskRef) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'claim')
  try {
    return await assign(op, task, op.actor, 'claimed')
  } catch (e) {
    // Lost a race: someone claimed it a moment earlier. Say who, as for any claim of a claimed task.
    const now = (e as AppError).code === 'TASK_CHANGED' ? await taskRepo.taskById(op.db, task.id) : null
    if (now?.status === 'claimed') await authorize(op, { ...task, ...now }, 'claim')
    throw e
  }
}

export async function progressTask(op: TaskOp, ref: TaskRef, text: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'progress')
  // Progress on an open task from a cadre of its own unit: she is doing it, so she holds it (its clock stops).
  if (task.status === 'open' && op.actor.unitId === task.unitId) {
    await authorize(op, task, 'claim')
    await assign(op, task, op.actor, 'claimed')
    await event(op, task, 'progress', 'claimed', 'claimed', text.slice(0, MAX_TEXT))
    return { ...task, claimedNow: true }
  }
  await event(op, task, 'progress', task.status, task.status, text.slice(0, MAX_TEXT))
  return { ...task, claimedNow: false }
}

export async function takeOverTask(op: TaskOp, ref: TaskRef) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'take_over')
  if (task.holderId === op.actor.id) throw refuse('TASK_ALREADY_YOURS', taskTexts.alreadyYours(task))
  const r = await assign(op, task, op.actor, 'taken_over')
  const formerHolder = await tellFormerHolder(op, task, (t) => taskTexts.holderReplaced(t, taskTexts.takenOverBy(op.actor.name)))
  // Nobody held it: the task's own group (where level 0 posted it) hears the take-over too, as the rooms above do.
  if ((!task.holderId || task.holderId === op.actor.id) && task.roomId !== op.room.id) {
    const room = await orgRepo.roomById(op.db, task.roomId)
    if (room?.wxRoomId)
      op.effects.post(
        { accountId: room.accountId, roomId: room.wxRoomId, text: taskTexts.reachedTaken(task, task.unit.name, 'taken_over', op.actor.name), mentionIds: [] },
        jobId('taken-own', task.id, op.messageId),
      )
  }
  return { ...r, formerHolder }
}
