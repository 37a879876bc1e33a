// #退回 T1 理由: the unit a task was handed to gives it back up with a reason.
import { jobId } from '../../core/ids.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import { startCycle } from './escalation.service.ts'
import { taskTexts } from './task.texts.ts'
import { refuse, type TaskOp, type TaskRef } from './task-op.ts'
import { findTask } from './task-find.ts'
import { authorize, change, event } from './task-change.ts'

/**
 * #退回: the unit a task was handed to gives it back up with a reason. It is open again in the unit and group it came
 * from, escalating from there, and the assigner is told there.
 */
export async function handBackTask(op: TaskOp, ref: TaskRef, reason: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'hand_back')
  if (!task.assignedFromUnitId || !task.assignedFromRoomId) throw refuse('TASK_NOT_HANDED_DOWN', taskTexts.notHandedDown(task, task.unit.name))
  const unit = await orgRepo.unitById(op.db, task.assignedFromUnitId)
  const room = await orgRepo.roomById(op.db, task.assignedFromRoomId)
  if (!unit || !room) throw refuse('TASK_NOT_HANDED_DOWN', taskTexts.notHandedDown(task, task.unit.name))
  const cycle = startCycle(task, 'unclaimed', op.now, await unitContext(op.db, unit), op.effects, task.id)
  await change(op, task, {
    status: 'open',
    holderId: null,
    claimedAt: null,
    nextReminderAt: null,
    unitId: unit.id,
    roomId: room.id,
    assignedFromUnitId: null,
    assignedFromRoomId: null,
    ...cycle,
  })
  await event(op, task, 'handed_back', task.status, 'open', taskTexts.handedBackNote(unit.name, reason))
  const assigner = (await orgRepo.membersByIds(op.db, [task.creatorId]))[0]
  if (room.wxRoomId)
    op.effects.post(
      {
        accountId: room.accountId,
        roomId: room.wxRoomId,
        text: maskPersonalData(taskTexts.handedBack(task, task.unit.name, op.actor.name, reason)),
        mentionIds: assigner ? [assigner.wxid] : [],
      },
      jobId('hand-back', task.id, op.messageId),
    )
  return { task, toUnit: unit }
}
