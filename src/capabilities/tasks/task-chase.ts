// #催办 T1: the holder (or, nobody holding it, the unit's cadres) is @-ed in the task's own group.
import { jobId } from '../../core/ids.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { taskTexts } from './task.texts.ts'
import type { TaskOp, TaskRef } from './task-op.ts'
import { findTask } from './task-find.ts'
import { authorize, event } from './task-change.ts'

export async function chaseTask(op: TaskOp, ref: TaskRef) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'chase')
  const room = await orgRepo.roomById(op.db, task.roomId)
  const targets = task.holderId ? await orgRepo.membersByIds(op.db, [task.holderId]) : await orgRepo.membersIn(op.db, [task.unitId], ['grid_cadre'])
  await event(op, task, 'chased', task.status, task.status)
  if (room?.wxRoomId) {
    const text = taskTexts.chase(task, op.actor.name, task.holderId !== null)
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text, mentionIds: targets.map((m) => m.wxid), urgent: task.priority === 'urgent' },
      jobId('chase', task.id, op.messageId),
    )
  }
  return { task, targets, inOwnRoom: task.roomId === op.room.id }
}
