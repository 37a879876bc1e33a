// #转派 T1 @某人: the assigner or a supervisor above gives the task to someone of its unit's line, or down into its
// subtree (the task then moves to that person's unit).
import { jobId } from '../../core/ids.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { MemberWithUnit, Unit } from '../../kernel/org/org.types.ts'
import { unitRoom } from '../../kernel/org/org.service.ts'
import { mayHandTo } from '../../kernel/org/item-authority.ts'
import { isAtOrAbove, maySee } from '../../kernel/org/authority.ts'
import { taskTexts } from './task.texts.ts'
import { refuse, type TaskInUnit, type TaskOp, type TaskRef } from './task-op.ts'
import { findTask } from './task-find.ts'
import { authorize, change } from './task-change.ts'
import { tellFormerHolder } from './task-tell.ts'
import { assign } from './task-claim.ts'

export async function reassignTask(op: TaskOp, ref: TaskRef, to: MemberWithUnit) {
  const found = await findTask(op, ref)
  await authorize(op, found, 'reassign')
  // To anyone of the task unit's line, or down into its subtree (then the task moves to that person's unit) — and
  // never outside the subtree of whoever reassigns.
  const down = to.unitId !== found.unitId && isAtOrAbove(found.unit, to.unit)
  if (!maySee(to, found.unit) && !(down && mayHandTo(op.actor, to.unit)))
    throw refuse('TASK_REASSIGN_OUTSIDE', taskTexts.reassignOutside(to.name, found.unit.name))
  if (found.holderId === to.id) throw refuse('TASK_SAME_HOLDER', taskTexts.sameHolder(found, to.name))
  const task = down ? await moveDown(op, found, to.unit) : found
  const r = await assign(op, task, to, 'reassigned')
  const formerHolder = await tellFormerHolder(op, found, (t) => taskTexts.holderReplaced(t, taskTexts.reassignedBy(op.actor.name, to.name)))
  // The new holder hears it in the task's own room.
  const room = await orgRepo.roomById(op.db, task.roomId)
  if (room?.wxRoomId) {
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text: taskTexts.reassignedToYou(task, op.actor.name), mentionIds: [to.wxid] },
      jobId('reassign', task.id, op.messageId),
    )
  }
  return { ...r, formerHolder }
}

/** Moves a task to a unit below its own (#转派 down): it belongs there now, and remembers where it came from. */
async function moveDown(op: TaskOp, task: TaskInUnit, unit: Unit): Promise<TaskInUnit> {
  const room = await unitRoom(op, unit.id)
  if (!room?.wxRoomId) throw refuse('TASK_UNIT_NO_ROOM', taskTexts.unitNoRoom(unit.name))
  const from = { assignedFromUnitId: task.assignedFromUnitId ?? task.unitId, assignedFromRoomId: task.assignedFromRoomId ?? task.roomId }
  await change(op, task, { unitId: unit.id, roomId: room.id, ...from })
  return { ...task, unitId: unit.id, roomId: room.id, unit, ...from }
}
