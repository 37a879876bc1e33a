// What check-ins does when another capability's event happens, inside the publisher's transaction.
import type { Subscriber } from '../../kernel/events.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { checkinRepo } from './checkin.repo.ts'

/** A 议事 activity closed: each member present has a 议事 (meeting) check-in, dated at its start, once per activity. */
export const onActivityClosed: Subscriber<'activity.closed'> = {
  event: 'activity.closed',
  phase: 'in-transaction',
  async handle(w, e) {
    const type = e.checkinType
    if (!type || !e.attendees.length) return []
    const room = await orgRepo.roomById(w.db, e.activity.roomId)
    if (!room) return []
    await checkinRepo.recordMany(
      w.db,
      e.attendees.map((m) => ({
        memberId: m.id,
        unitId: m.unitId,
        roomId: room.id,
        type,
        note: `${e.activity.ref} ${e.activity.name}`,
        at: e.activity.day,
        accountId: room.accountId,
        messageId: `activity:${e.activity.id}:${m.id}`,
      })),
    )
    return []
  },
}
