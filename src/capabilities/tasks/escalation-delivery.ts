// The audit trail of an escalation is truthful: the step is recorded when it is decided (上报), and as delivered
// (送达, with the group) only when WeChat accepted the post — after a logout that may be much later, or never.
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { taskRepo } from './task.repo.ts'

/** Escalation posts' keys: esc|<task id>|<cycle>|<level>|<room row id> (escalation.service.ts). */
const ESC = /^esc\|(\d+)\|\d+\|(\d+)\|(\d+)$/

export async function escalationsDelivered(db: DbOrTx, keys: string[], at: Date): Promise<number> {
  let n = 0
  for (const key of keys) {
    const m = ESC.exec(key)
    if (!m) continue
    const [taskId, level, roomId] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const room = await orgRepo.roomById(db, roomId)
    await taskRepo.addEvent(db, { taskId, at, kind: 'delivered', level, roomId, note: room ? `「${room.topic}」` : null })
    n++
  }
  return n
}
