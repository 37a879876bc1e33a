// #绑定: which unit a WeChat group speaks for. The room id is the stable key from then on; the topic may change.
// A binding that would take a unit's group away from another group (a look-alike group with the same name) or move
// this group away from the unit it serves is only done when confirmed, and both groups are told.
import { AppError } from '../../core/errors.ts'
import type { Work } from '../work.ts'
import { orgRepo } from './org.repo.ts'
import type { Room, Unit } from './org.types.ts'

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

const texts = {
  unknownUnit: (name: string) => `找不到单位「${name}」,请写组织名单中的完整名称。`,
}
export const bindTexts = {
  ...texts,
  bound: (unit: Unit, others: Room[]) =>
    `本群已绑定到「${unit.name}」。成员可发送 #帮助 查看命令。${others.length ? `\n${unit.name}另有群:${others.map((r) => `「${r.topic}」`).join('、')}` : ''}`,
  already: (unit: Unit) => `本群已经绑定在「${unit.name}」,无需重复绑定。`,
  confirm: (unit: Unit, replaces: Room | null, movesFrom: Unit | null) =>
    [
      replaces ? `「${unit.name}」目前由群「${replaces.topic}」使用;改绑后那个群将不再接收${unit.name}的提醒和上报。` : '',
      movesFrom ? `本群目前绑定在「${movesFrom.name}」;改绑后${movesFrom.name}将不再使用本群。` : '',
      `确认改绑请发送:#绑定 ${unit.name} 确认`,
    ]
      .filter(Boolean)
      .join('\n'),
  replacedNotice: (unit: Unit, newTopic: string, by: string) =>
    `⚠️ ${by} 已将「${unit.name}」改绑到群「${newTopic}」,本群不再接收${unit.name}的提醒和上报。如有疑问请联系管理员。`,
  movedNotice: (from: Unit, to: Unit) => `本群已从「${from.name}」改绑到「${to.name}」。`,
}

export async function bindRoomToUnit(w: Work, a: BindRequest): Promise<BindResult> {
  const { db } = w
  const unit = await orgRepo.unitByName(db, a.districtId, a.unitName)
  if (!unit) throw new AppError('BIND_UNKNOWN_UNIT', `unit ${a.unitName} not found`, texts.unknownUnit(a.unitName))
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
