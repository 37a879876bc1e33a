// Org lookups that commands, the pipeline and the simulator need, so none of them reaches for the repository.
import { UsageError } from '../../core/errors.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { Work } from '../work.ts'
import { orgRepo } from './org.repo.ts'
import { orgTexts } from '../texts/org.texts.ts'
import { districtOf, type BoundRoom, type MemberWithUnit, type Room, type Unit } from './org.types.ts'

/** The bot accounts the database knows (each gateway serves some of them). */
export async function accountIds(db: DbOrTx): Promise<string[]> {
  return (await orgRepo.accounts(db)).map((a) => a.id)
}

/** Accounts whose org file entry sets `messagesPerSec`: that account's pace. */
export async function accountPaces(db: DbOrTx): Promise<Map<string, number>> {
  return new Map((await orgRepo.accounts(db)).flatMap((a) => (a.messagesPerSec ? [[a.id, a.messagesPerSec] as const] : [])))
}

/** The supervisors nearest above a unit: the people who can register a newcomer (names, at most three). */
export async function registrarNames(db: DbOrTx, unit: Unit): Promise<string[]> {
  const chain = [unit, ...(await orgRepo.ancestors(db, unit)).reverse()]
  for (const u of chain) {
    const sups = await orgRepo.membersIn(db, [u.id], ['supervisor', 'admin'])
    if (sups.length) return sups.slice(0, 3).map((s) => s.name)
  }
  return []
}

/** True when an active member of the district goes by this display name (a guest may have copied it). */
export async function isMemberName(db: DbOrTx, districtId: number, name: string): Promise<boolean> {
  return name.trim() !== '' && (await orgRepo.membersByName(db, districtId, name)).length > 0
}

/**
 * The people a message @-s. WeChat gives contact ids (stable): those win. Puppets that drop them leave only
 * "@name" in the text: a name is accepted when exactly one active member of the district has it.
 */
export async function mentionedMembers({ db }: Pick<Work, 'db'>, room: BoundRoom, mentionIds: string[], names: string[]): Promise<MemberWithUnit[]> {
  const byId = mentionIds.length ? await orgRepo.membersByWxids(db, mentionIds) : []
  const found = new Map<number, MemberWithUnit>(byId.map((m) => [m.id, m]))
  const known = new Set(byId.map((m) => m.name))
  for (const name of names) {
    if (known.has(name)) continue
    const matches = await orgRepo.membersByName(db, districtOf(room.unit), name)
    // Named with an @ and no member goes by that name: most often a resident of the group, who is no member.
    if (matches.length === 0) {
      // On the roster but not linked yet: nobody can @ or tell them until they send #登记 in their group.
      const unlinked = await orgRepo.unlinkedByName(db, districtOf(room.unit), name)
      const [first] = unlinked
      if (first) throw new UsageError(orgTexts.unlinked(name, first.unit.name))
      throw new UsageError(orgTexts.notAMember(name))
    }
    const [only] = matches
    if (matches.length > 1 || !only) throw new UsageError(orgTexts.namesakes(name, matches.length))
    found.set(only.id, only)
  }
  return [...found.values()]
}

/** A unit of the room's district by its exact name (`@华府社区5号网格` in a command), or null. In a city's group
 *  (issue #26): a unit of any of its districts (`@二七区`), when exactly one goes by that name. */
export async function unitNamed({ db }: Pick<Work, 'db'>, room: BoundRoom, name: string): Promise<Unit | null> {
  return unitNamedUnder(db, room.unit, name)
}

/** The same lookup from a unit rather than a group (the read API's `?unit=` inside its key's unit). */
export async function unitNamedUnder(db: DbOrTx, top: Unit, name: string): Promise<Unit | null> {
  if (top.kind !== 'city') return orgRepo.unitByName(db, districtOf(top), name)
  const found = (await orgRepo.unitsNamedUnder(db, top, name)).filter((u) => u.id !== top.id)
  return found.length === 1 ? (found[0] ?? null) : (found.find((u) => u.kind === 'district') ?? null)
}

/** The group a unit's work is posted in: its first bound room, or null. */
export async function unitRoom({ db }: Pick<Work, 'db'>, unitId: number): Promise<Room | null> {
  return (await orgRepo.roomsOfUnit(db, unitId))[0] ?? null
}

/** Binds every room of the district whose topic the simulator knows to its synthetic room id (an admin's #绑定, up front). */
export async function bindRoomsByTopic(db: DbOrTx, district: string, roomIdByTopic: (topic: string) => string | undefined, at: Date): Promise<void> {
  // A city's name (the simulator's world of a city file): its own rooms and its districts'.
  const city = await orgRepo.findCity(db, district)
  const tops = city ? [city, ...(await orgRepo.districtsOf(db, city.id))] : [await orgRepo.findDistrict(db, district)]
  const rows: Room[] = []
  for (const d of tops) if (d) rows.push(...(await orgRepo.roomsOfDistrict(db, d.id)))
  const binds = rows.flatMap((row) => {
    const id = roomIdByTopic(row.topic)
    return id && row.wxRoomId !== id ? [{ id: row.id, wxRoomId: id }] : []
  })
  // In a few statements: a city's 11,600 rooms one by one took minutes.
  await orgRepo.bindRooms(db, binds, at)
}

/** The districts under a city (issue #26), by name: what a city group's command may name. */
export async function cityDistricts(db: DbOrTx, cityId: number): Promise<{ id: number; name: string; path: string }[]> {
  return (await orgRepo.districtsOf(db, cityId)).map((d) => ({ id: d.id, name: d.name, path: d.path }))
}
