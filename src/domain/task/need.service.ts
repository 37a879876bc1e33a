// 需求清单: residents' needs collected on patrol, numbered per district (N1, N2 …), later turned into tasks.
import type { DbOrTx } from '../../db/client.ts'
import type { Room, Unit } from '../../db/generated/client.ts'
import { AppError } from '../../core/errors.ts'
import { taskRepo } from './task.repo.ts'

const MAX_DESCRIPTION = 500

export async function recordNeed(db: DbOrTx, a: { room: Room & { unit: Unit }; reporterId: number; description: string; at: Date; accountId: string; messageId: string }) {
  const description = a.description.trim()
  if (description.length > MAX_DESCRIPTION) throw new AppError('NEED_TOO_LONG', 'need description too long', `需求描述太长(最多${MAX_DESCRIPTION}字)`)
  const number = await taskRepo.nextNumber(db, a.room.unit.districtId!, 'N')
  return taskRepo.createNeed(db, {
    districtId: a.room.unit.districtId!, number, unitId: a.room.unitId, roomId: a.room.id, reporterId: a.reporterId,
    description, accountId: a.accountId, messageId: a.messageId, createdAt: a.at,
  })
}

export async function listNeeds(db: DbOrTx, unitId: number, take = 30) {
  const [needs, total] = await Promise.all([taskRepo.openNeeds(db, unitId, take), taskRepo.countOpenNeeds(db, unitId)])
  return { needs, total }
}
