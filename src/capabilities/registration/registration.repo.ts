// The only place with Prisma queries about registrations and the roster entries they link.
import type { DbOrTx } from '../../db/client.ts'
import type { Role } from '../../db/generated/enums.ts'
import type { RegistrationStatus } from './registration-rules.ts'

export const registrationRepo = {
  /** Active roster entries of this name in a unit, linked or not. */
  entriesNamed: (db: DbOrTx, unitId: number, name: string) =>
    db.member.findMany({
      where: { unitId, name, active: true },
      select: { id: true, role: true, phone: true, wxid: true, name: true },
      orderBy: { id: 'asc' },
    }),
  /** Active entries of a unit not yet linked whose name is this one (a display name's hint). */
  unlinkedNamed: (db: DbOrTx, unitId: number, name: string) => db.member.findMany({ where: { unitId, name, active: true, wxid: null }, select: { id: true } }),
  /** Who a contact id is linked to, in any district (one contact id is one person); an entry removed from the
   *  roster links nobody. */
  linkedTo: (db: DbOrTx, wxid: string) => db.member.findFirst({ where: { wxid, active: true }, select: { id: true, name: true, role: true } }),
  create: (
    db: DbOrTx,
    data: {
      districtId: number
      unitId: number
      roomId: number
      memberId: number
      wxid: string
      displayName: string
      name: string
      status: RegistrationStatus
      messageKey: string
      createdAt: Date
      decidedAt?: Date
    },
  ) => db.registration.create({ data }),
  /** A contact id's waiting requests, in any unit and district (one contact id is one person). */
  pendingOf: (db: DbOrTx, wxid: string) =>
    db.registration.findMany({ where: { wxid, status: 'pending' }, orderBy: { id: 'asc' }, include: { member: true, unit: true, room: true } }),
  /** Pending registrations of this name in units under `path` (a decider's reach), with their units and entries. */
  pendingNamed: (db: DbOrTx, districtId: number, path: string, name: string) =>
    db.registration.findMany({
      where: { districtId, name, status: 'pending', unit: { path: { startsWith: path } } },
      include: { unit: true, room: true, member: { select: { id: true, role: true, wxid: true, active: true } } },
      orderBy: { id: 'asc' },
    }),
  /** Moves a registration out of `from` once (count 0: someone else decided it first). */
  decide: async (db: DbOrTx, id: number, from: RegistrationStatus, to: RegistrationStatus, at: Date, deciderId: number | null) =>
    (await db.registration.updateMany({ where: { id, status: from }, data: { status: to, decidedAt: at, decidedById: deciderId } })).count === 1,
  /** Links a contact id to an entry still unlinked (false: someone linked it first). The id is unique, so an entry
   *  removed from the roster that still holds it (the person moved) lets it go first; its records keep its row. */
  link: async (db: DbOrTx, memberId: number, wxid: string, at: Date) => {
    await db.member.updateMany({ where: { wxid, active: false }, data: { wxid: null, linkedVia: null, linkedAt: null } })
    return (await db.member.updateMany({ where: { id: memberId, wxid: null }, data: { wxid, linkedVia: 'chat', linkedAt: at } })).count === 1
  },
  /** Another unlinked entry of the same name and role in the unit (when the one asked for was linked meanwhile). */
  otherUnlinked: (db: DbOrTx, unitId: number, name: string, role: Role) =>
    db.member.findFirst({ where: { unitId, name, role, active: true, wxid: null }, orderBy: { id: 'asc' } }),
  /** Wrong-digit tries since `since`, by one contact id or for one name in a unit (limits guessing a phone). */
  wrongPhones: (db: DbOrTx, by: { wxid: string } | { unitId: number; name: string }, since: Date) =>
    db.registration.count({ where: { ...by, status: 'wrong_phone', createdAt: { gte: since } } }),
  entry: (db: DbOrTx, id: number) => db.member.findUnique({ where: { id }, select: { id: true, name: true, role: true } }),
}
