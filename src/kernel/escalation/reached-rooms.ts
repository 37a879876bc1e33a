// What became of an escalated item, told to the rooms its escalation reached (tasks and projects).
import { must } from '../../core/must.ts'
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { OutboundMessage } from '../../core/message.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../org/org.repo.ts'
import type { Room } from '../org/org.types.ts'

// Rooms come from queries that keep only bound ones (wxRoomId not null).
const say = (room: Room, text: string): OutboundMessage => ({
  accountId: room.accountId,
  roomId: must(room.wxRoomId, 'ROOM_NOT_BOUND'),
  text,
  mentionIds: [],
  urgent: false,
})

/**
 * Tells every room a cycle reached (beyond the task's own, and the room the command came from, which hears its own
 * reply) what became of the task. Those rooms belong to units above: personal data in the text is masked.
 */
export async function tellReachedRooms(
  db: DbOrTx,
  effects: Effects,
  task: { id: number; escalatedRoomIds: number[]; escalationCycle: number; roomId: number },
  text: string,
  what: string,
  exceptRoomId?: number,
) {
  const rooms = await orgRepo.roomsByIds(
    db,
    task.escalatedRoomIds.filter((id) => id !== task.roomId && id !== exceptRoomId),
  )
  for (const room of rooms) effects.post(say(room, maskPersonalData(text)), jobId('taken', task.id, task.escalationCycle, what, room.id))
}
