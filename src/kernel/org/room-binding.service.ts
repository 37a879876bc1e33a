// #绑定: which unit a WeChat group speaks for. The room id is the stable key from then on; the topic may change.
// A binding that would take a unit's group away from another group (a look-alike group with the same name) or move
// this group away from the unit it serves is only done when confirmed, and both groups are told.
import { AppError } from '../../core/errors.ts'
import type { Work } from '../work.ts'
import { orgRepo } from './org.repo.ts'
import type { Room, Unit } from './org.types.ts'
import { bindTexts } from './room-binding.texts.ts'

export { bindTexts }

export interface BindRequest {
  districtId: number
  unitName: string
  wxRoomId: string
  topic: string
  accountId: string
  /** The admin confirmed a binding that replaces another group or moves this one. */
  confirmed: boolean
  /** Which of the unit's rooms (a confirmed binding proposal names it); else the one with this topic, or a free one. */
  roomRowId?: number
}

export type BindResult =
  | { kind: 'bound'; unit: Unit; replaced: Room | null; movedFrom: Unit | null; otherRooms: Room[] }
  | { kind: 'confirm'; unit: Unit; replaces: Room | null; movesFrom: Unit | null }
  | { kind: 'already'; unit: Unit }

export async function bindRoomToUnit(w: Work, a: BindRequest): Promise<BindResult> {
  const { db } = w
  const unit = await orgRepo.unitByName(db, a.districtId, a.unitName)
  if (!unit) throw new AppError('BIND_UNKNOWN_UNIT', `unit ${a.unitName} not found`, bindTexts.unknownUnit(a.unitName))
  const rooms = await orgRepo.allRoomsOfUnit(db, unit.id)
  if (rooms.some((r) => r.wxRoomId === a.wxRoomId)) return { kind: 'already', unit }
  const current = await orgRepo.roomByWxId(db, a.wxRoomId)
  const movesFrom = current && current.unitId !== unit.id ? current.unit : null
  const sameTopic = a.roomRowId !== undefined ? rooms.find((r) => r.id === a.roomRowId) : rooms.find((r) => r.topic === a.topic)
  const target = sameTopic ?? rooms.find((r) => !r.wxRoomId)
  const replaces = target?.wxRoomId ? target : null
  if ((replaces || movesFrom) && !a.confirmed) return { kind: 'confirm', unit, replaces, movesFrom }
  const row = target ?? (await orgRepo.createRoom(db, { topic: a.topic, unitId: unit.id, accountId: a.accountId }))
  await orgRepo.bindRoom(db, row.id, a.wxRoomId, w.now)
  if (row.accountId !== a.accountId) await orgRepo.updateRoom(db, row.id, { accountId: a.accountId })
  const otherRooms = rooms.filter((r) => r.id !== row.id && r.wxRoomId)
  return { kind: 'bound', unit, replaced: replaces, movedFrom: movesFrom, otherRooms }
}
