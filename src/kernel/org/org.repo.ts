// The only place with Prisma queries about the org tree, rooms, accounts and members.
import type { DbOrTx } from '../../db/client.ts'
import { Prisma, type Room, type Unit } from '../../db/generated/client.ts'
import type { Role, UnitKind } from '../../db/generated/enums.ts'
import { LINKED, linked, linkedOrNull } from './linked.ts'

/** A member row as the org import writes it. */
type MemberData = {
  name: string
  unitId: number
  role: Role
  phone: string | null
  teams: string[]
  duties: string[]
  roomTopics: string[]
  active: boolean
  wxid: string | null
  linkedVia?: string
  linkedAt?: Date
}

/** A unit row the org import creates with its id taken beforehand (its path holds its own id). */
type NewUnit = { id: number; name: string; kind: UnitKind; parentId: number | null; districtId: number; path: string; depth: number; policy?: object }

/** A room row the org import creates (a room id from the file binds it at once). */
type NewRoom = { topic: string; unitId: number; accountId: string; backupAccountIds: string[]; isAdmin: boolean; wxRoomId?: string; boundAt?: Date }

/** Rows per INSERT: PostgreSQL takes at most 32,767 parameters a statement (a member row has a dozen columns). */
const CHUNK = 1000
async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK))
}

/** What a unit lookup needs of a unit (domain types satisfy it). */
type UnitRef = Pick<Unit, 'id' | 'path'>

export const orgRepo = {
  // A district may stand under a city (its parent): districts are found by kind, never by having no parent.
  districts: (db: DbOrTx) => db.unit.findMany({ where: { kind: 'district' }, orderBy: { id: 'asc' } }),
  findDistrict: (db: DbOrTx, name: string) => db.unit.findFirst({ where: { name, kind: 'district' } }),
  districtNames: async (db: DbOrTx) => (await db.unit.findMany({ where: { kind: 'district' }, orderBy: { id: 'asc' } })).map((u) => u.name),
  findCity: (db: DbOrTx, name: string) => db.unit.findFirst({ where: { name, kind: 'city' } }),
  cities: (db: DbOrTx) => db.unit.findMany({ where: { kind: 'city' }, orderBy: { id: 'asc' } }),
  /** The districts under a city, in the order they were first imported. */
  districtsOf: (db: DbOrTx, cityId: number) => db.unit.findMany({ where: { kind: 'district', parentId: cityId }, orderBy: { id: 'asc' } }),
  unitsOfDistrict: (db: DbOrTx, districtId: number) => db.unit.findMany({ where: { districtId } }),
  createUnit: (db: DbOrTx, data: { name: string; kind: UnitKind; parentId: number | null; districtId: number | null; policy?: object }) =>
    db.unit.create({ data: { ...data, policy: data.policy ?? undefined } }),
  updateUnit: (db: DbOrTx, id: number, data: Partial<Pick<Unit, 'kind' | 'parentId' | 'path' | 'depth' | 'districtId'>> & { policy?: object | null }) =>
    // null clears a policy the org file no longer sets (JSON null in the column, not "leave it").
    db.unit.update({ where: { id }, data: { ...data, policy: data.policy === null ? Prisma.DbNull : data.policy } }),
  /** `n` unit ids taken from the table's sequence (a new unit's path holds its id: known before it is written). */
  nextUnitIds: async (db: DbOrTx, n: number): Promise<number[]> =>
    n === 0
      ? []
      : (await db.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('"Unit"', 'id'))::int AS id FROM generate_series(1, ${n}::int)`).map(
          (r) => r.id,
        ),
  /** Units with their ids taken (nextUnitIds), parents before children: a few statements for a whole district. */
  createUnits: (db: DbOrTx, rows: NewUnit[]) =>
    inChunks(rows, (chunk) => db.unit.createMany({ data: chunk.map((u) => ({ ...u, policy: u.policy ?? undefined })) })),
  unitById: (db: DbOrTx, id: number) => db.unit.findUnique({ where: { id } }),
  unitByName: (db: DbOrTx, districtId: number, name: string) => db.unit.findUnique({ where: { districtId_name: { districtId, name } } }),
  unitPaths: (db: DbOrTx, ids: number[]) => db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, path: true } }),
  children: (db: DbOrTx, unitId: number) => db.unit.findMany({ where: { parentId: unitId }, orderBy: { id: 'asc' } }),
  /** Ancestors from the district down, excluding the unit itself. A city above the district is left out: escalation,
   *  policies and registrations stop at the district, as before there were cities (issue #26). */
  ancestors: (db: DbOrTx, unit: UnitRef) => {
    const ids = unit.path
      .split('/')
      .filter(Boolean)
      .map(Number)
      .filter((id) => id !== unit.id)
    return db.unit.findMany({ where: { id: { in: ids }, kind: { not: 'city' } }, orderBy: { depth: 'asc' } })
  },

  upsertAccount: (db: DbOrTx, id: string, data: { name?: string | null; messagesPerSec?: number | null }) =>
    db.botAccount.upsert({ where: { id }, create: { id, ...data }, update: data }),
  accounts: (db: DbOrTx) => db.botAccount.findMany({ orderBy: { id: 'asc' } }),

  roomsOfDistrict: (db: DbOrTx, districtId: number) => db.room.findMany({ where: { unit: { districtId } } }),
  roomByWxId: (db: DbOrTx, wxRoomId: string) => db.room.findUnique({ where: { wxRoomId }, include: { unit: true } }),
  roomsOfUnit: (db: DbOrTx, unitId: number) => db.room.findMany({ where: { unitId, wxRoomId: { not: null } }, orderBy: { id: 'asc' } }),
  /** The admins' group of a district: the one marked admin, else the district's own group (bound rooms only). */
  adminRoomOf: async (db: DbOrTx, districtId: number) =>
    (await db.room.findFirst({
      where: { isAdmin: true, wxRoomId: { not: null }, unit: { OR: [{ districtId }, { id: districtId }] } },
      orderBy: { id: 'asc' },
    })) ?? db.room.findFirst({ where: { wxRoomId: { not: null }, unitId: districtId }, orderBy: { id: 'asc' } }),
  roomById: (db: DbOrTx, id: number) => db.room.findUnique({ where: { id } }),
  roomsByIds: (db: DbOrTx, ids: number[]) => db.room.findMany({ where: { id: { in: ids }, wxRoomId: { not: null } } }),
  allRoomsOfUnit: (db: DbOrTx, unitId: number) => db.room.findMany({ where: { unitId }, orderBy: { id: 'asc' } }),
  createRoom: (
    db: DbOrTx,
    data: { topic: string; unitId: number; accountId: string; wxRoomId?: string | null; backupAccountIds?: string[]; isAdmin?: boolean },
  ) => db.room.create({ data }),
  /** Rooms in a few statements; the room ids they carry are released from any other row first (a room id names one room). */
  createRooms: async (db: DbOrTx, rows: NewRoom[]) => {
    const bound = rows.flatMap((r) => (r.wxRoomId ? [r.wxRoomId] : []))
    if (bound.length) await db.room.updateMany({ where: { wxRoomId: { in: bound } }, data: { wxRoomId: null, boundAt: null } })
    await inChunks(rows, (chunk) => db.room.createMany({ data: chunk }))
  },
  updateRoom: (db: DbOrTx, id: number, data: Partial<Pick<Room, 'topic' | 'unitId' | 'accountId' | 'wxRoomId' | 'boundAt' | 'backupAccountIds' | 'isAdmin'>>) =>
    db.room.update({ where: { id }, data }),
  /** Binds a WeChat room id to a room row, releasing it from any other row first (a room id names one room). */
  bindRoom: async (db: DbOrTx, roomRowId: number, wxRoomId: string, at: Date) => {
    await db.room.updateMany({ where: { wxRoomId, id: { not: roomRowId } }, data: { wxRoomId: null, boundAt: null } })
    return db.room.update({ where: { id: roomRowId }, data: { wxRoomId, boundAt: at } })
  },

  memberByWxid: async (db: DbOrTx, wxid: string) => linkedOrNull(await db.member.findUnique({ where: { wxid }, include: { unit: true } })),
  /** Binds many rows at once (each to a room id of its own), releasing those room ids from any other row first. */
  bindRooms: (db: DbOrTx, binds: { id: number; wxRoomId: string }[], at: Date) =>
    inChunks(binds, async (chunk) => {
      const wx = chunk.map((b) => b.wxRoomId)
      await db.room.updateMany({ where: { wxRoomId: { in: wx } }, data: { wxRoomId: null, boundAt: null } })
      await db.$executeRaw`UPDATE "Room" AS r SET "wxRoomId" = b.wx, "boundAt" = ${at}
        FROM unnest(${chunk.map((b) => b.id)}::int[], ${wx}::text[]) AS b(id, wx) WHERE r.id = b.id`
    }),
  membersOfDistrict: (db: DbOrTx, districtId: number) => db.member.findMany({ where: { unit: { districtId } } }),
  catalogueCount: (db: DbOrTx, districtId: number) => db.catalogueItem.count({ where: { districtId, active: true } }),
  updateMember: (db: DbOrTx, id: number, data: Partial<MemberData>) => db.member.update({ where: { id }, data }),
  /** Members in a few statements (the org import's new roster entries). */
  createMembers: (db: DbOrTx, rows: MemberData[]) => inChunks(rows, (chunk) => db.member.createMany({ data: chunk })),
  deactivateMembers: (db: DbOrTx, ids: number[]) => db.member.updateMany({ where: { id: { in: ids } }, data: { active: false } }),
  /** Linked members by row id (holders, actors, graders: only a linked member ever acted). */
  membersByIds: async (db: DbOrTx, ids: number[]) => linked(await db.member.findMany({ where: { id: { in: ids }, ...LINKED }, include: { unit: true } })),
  /** Active linked members of the district going by this name (an @name in the text, a namesake check). */
  membersByName: async (db: DbOrTx, districtId: number, name: string) =>
    linked(await db.member.findMany({ where: { name, active: true, unit: { districtId }, ...LINKED }, include: { unit: true } })),
  /** Active roster entries of this name not yet linked to a WeChat contact (they cannot act or be @-ed yet). */
  unlinkedByName: (db: DbOrTx, districtId: number, name: string) =>
    db.member.findMany({ where: { name, active: true, wxid: null, unit: { districtId } }, include: { unit: true } }),
  membersByWxids: async (db: DbOrTx, wxids: string[]) =>
    linked(await db.member.findMany({ where: { wxid: { in: wxids }, active: true }, include: { unit: true } })),
  /** Units of a subtree going by this name (a city's group naming a unit of one of its districts). */
  unitsNamedUnder: (db: DbOrTx, unit: UnitRef, name: string) => db.unit.findMany({ where: { name, path: { startsWith: unit.path } }, orderBy: { id: 'asc' } }),
  /** Units of a subtree (the unit and everything under it). */
  subtree: (db: DbOrTx, unit: UnitRef) => db.unit.findMany({ where: { path: { startsWith: unit.path } }, orderBy: [{ depth: 'asc' }, { id: 'asc' }] }),
  /** Active linked members with one of `roles` in any of `unitIds` (the people @-ed, told, or asked to decide). */
  membersIn: async (db: DbOrTx, unitIds: number[], roles: Role[]) =>
    linked(await db.member.findMany({ where: { unitId: { in: unitIds }, role: { in: roles }, active: true, ...LINKED }, orderBy: { id: 'asc' } })),
}
