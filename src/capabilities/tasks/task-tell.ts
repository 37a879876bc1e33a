// Who hears of a task's change besides the room the command was typed in: the holder who lost it, the unit's group a
// task was handed down to, and the group it was handed down from.
import { jobId } from '../../core/ids.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { MemberWithUnit, Room } from '../../kernel/org/org.types.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import { taskTexts } from './task.texts.ts'
import type { Task } from './task.types.ts'
import type { TaskInUnit, TaskOp } from './task-op.ts'

/**
 * The holder loses the task to someone else's decision (cancelled, taken over, reassigned): they are told in the
 * task's own room, @-ed, so their work stops there. When the command was typed in that room, its reply names
 * them instead (returned as `formerHolder`), so the room gets one message, not two.
 */
export async function tellFormerHolder(op: TaskOp, task: TaskInUnit, text: (t: TaskInUnit) => string): Promise<MemberWithUnit | null> {
  if (!task.holderId || task.holderId === op.actor.id) return null
  const [holder] = await orgRepo.membersByIds(op.db, [task.holderId])
  if (!holder) return null
  if (op.room.id === task.roomId) return holder
  const room = await orgRepo.roomById(op.db, task.roomId)
  if (room?.wxRoomId)
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text: text(task), mentionIds: [holder.wxid] },
      jobId('former-holder', task.id, op.messageId),
    )
  return null
}

/** A task handed down is announced in its unit's group, @-ing the people named (or, none named, the unit's cadres). */
export async function announceHandedDown(op: TaskOp, task: Task, room: Room, named: MemberWithUnit[]) {
  const people = named.length ? named : await orgRepo.membersIn(op.db, [task.unitId], ['grid_cadre'])
  op.effects.post(
    {
      accountId: room.accountId,
      roomId: room.wxRoomId ?? '',
      text: taskTexts.handedDown(
        task,
        op.actor.name,
        op.room.unit.name,
        people.map((m) => m.name),
      ),
      mentionIds: people.map((m) => m.wxid),
      urgent: task.priority === 'urgent',
    },
    jobId('handed-down', task.id, op.messageId),
  )
}

/** The group a handed-down task came from hears what became of it (claimed, done, handed back), unless it already did. */
export function tellAssigner(op: TaskOp, task: TaskInUnit, text: string, what: string) {
  const id = task.assignedFromRoomId
  if (!id || id === op.room.id || id === task.roomId || task.escalatedRoomIds.includes(id)) return Promise.resolve()
  return orgRepo.roomById(op.db, id).then((room) => {
    if (room?.wxRoomId)
      op.effects.post(
        { accountId: room.accountId, roomId: room.wxRoomId, text: maskPersonalData(text), mentionIds: [] },
        jobId('assigner', task.id, what, op.messageId),
      )
  })
}
