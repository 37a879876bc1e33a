// 需求清单: residents' needs collected on patrol, numbered per district (N1, N2 …), later turned into tasks.
import { AppError } from '../../core/errors.ts'
import { districtOf, type BoundRoom } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { taskRepo } from './task.repo.ts'
import { taskTexts } from './task.texts.ts'

const MAX_DESCRIPTION = 500

export async function recordNeed(w: Work, a: { room: BoundRoom; reporterId: number; description: string; accountId: string; messageId: string }) {
  const description = a.description.trim()
  if (description.length > MAX_DESCRIPTION) throw new AppError('NEED_TOO_LONG', 'need description too long', taskTexts.needTooLong(MAX_DESCRIPTION))
  const districtId = districtOf(a.room.unit)
  const number = await taskRepo.nextNumber(w.db, districtId, 'N')
  return taskRepo.createNeed(w.db, {
    districtId,
    number,
    unitId: a.room.unitId,
    roomId: a.room.id,
    reporterId: a.reporterId,
    description,
    accountId: a.accountId,
    messageId: a.messageId,
    createdAt: w.now,
  })
}
