import { AppError } from '../../core/errors.ts'
import type { Work } from '../work.ts'
import { orgRepo } from './org.repo.ts'

/**
 * Binds a WeChat room id to a unit: the unit's room row with the same topic, else its first unbound row,
 * else a new row. The room id is the stable key from then on; the topic may change freely.
 */
export async function bindRoomToUnit(w: Work, a: { districtId: number; unitName: string; wxRoomId: string; topic: string; accountId: string }) {
  const { db } = w
  const unit = await orgRepo.unitByName(db, a.districtId, a.unitName)
  if (!unit) throw new AppError('BIND_UNKNOWN_UNIT', `unit ${a.unitName} not found`, `找不到单位「${a.unitName}」,请写组织名单中的完整名称。`)
  const rooms = await orgRepo.allRoomsOfUnit(db, unit.id)
  const target = rooms.find((r) => r.wxRoomId === a.wxRoomId) ?? rooms.find((r) => r.topic === a.topic) ?? rooms.find((r) => !r.wxRoomId)
  const row = target ?? (await orgRepo.createRoom(db, { topic: a.topic, unitId: unit.id, accountId: a.accountId }))
  await orgRepo.bindRoom(db, row.id, a.wxRoomId, w.now)
  if (row.accountId !== a.accountId) await orgRepo.updateRoom(db, row.id, { accountId: a.accountId })
  return { ...row, unit }
}
