// The only place with Prisma queries about the WeChat groups accounts see and the binding proposals made from them.
import type { DbOrTx } from '../../db/client.ts'
import type { BindProposalState } from '../../db/generated/enums.ts'

export const bindingRepo = {
  /** One statement for an account's whole room list (150 groups at a login): inserted, or topic and time refreshed. */
  upsertGroups: (db: DbOrTx, accountId: string, groups: { wxRoomId: string; topic: string }[], at: Date) =>
    groups.length === 0
      ? Promise.resolve(0)
      : db.$executeRaw`
      INSERT INTO "WxGroup" ("accountId", "wxRoomId", "topic", "seenAt")
      SELECT ${accountId}, g.id, g.topic, ${at} FROM unnest(${groups.map((g) => g.wxRoomId)}::text[], ${groups.map((g) => g.topic)}::text[]) AS g(id, topic)
      ON CONFLICT ("accountId", "wxRoomId") DO UPDATE SET "topic" = EXCLUDED."topic", "seenAt" = EXCLUDED."seenAt"`,
  /** The groups an account is no longer in (after a full list): forgotten. */
  forgetGroupsNotIn: (db: DbOrTx, accountId: string, keep: string[]) => db.wxGroup.deleteMany({ where: { accountId, wxRoomId: { notIn: keep } } }),
  forgetGroup: (db: DbOrTx, accountId: string, wxRoomId: string) => db.wxGroup.deleteMany({ where: { accountId, wxRoomId } }),
  /** Districts where the account serves a room (its own or as a backup). */
  districtsOfAccount: async (db: DbOrTx, accountId: string): Promise<number[]> => {
    const rows = await db.room.findMany({
      where: { OR: [{ accountId }, { backupAccountIds: { has: accountId } }] },
      select: { unit: { select: { id: true, districtId: true } } },
    })
    return [...new Set(rows.map((r) => r.unit.districtId ?? r.unit.id))]
  },
  /** Every account serving a room of the district. */
  accountsOfDistrict: async (db: DbOrTx, districtId: number): Promise<string[]> => {
    const rows = await db.room.findMany({ where: { unit: { OR: [{ districtId }, { id: districtId }] } }, select: { accountId: true, backupAccountIds: true } })
    return [...new Set(rows.flatMap((r) => [r.accountId, ...r.backupAccountIds]))]
  },
  /** Groups these accounts see that no room is bound to. */
  unboundGroups: (db: DbOrTx, accountIds: string[]) =>
    db.$queryRaw<{ accountId: string; wxRoomId: string; topic: string }[]>`
      SELECT g."accountId", g."wxRoomId", g."topic" FROM "WxGroup" g
      WHERE g."accountId" = ANY(${accountIds}::text[]) AND NOT EXISTS (SELECT 1 FROM "Room" r WHERE r."wxRoomId" = g."wxRoomId")
      ORDER BY g."wxRoomId", g."accountId"`,
  /** The latest topic any account saw for a group (null: no account is in it any more). */
  groupTopic: async (db: DbOrTx, wxRoomId: string) =>
    (await db.wxGroup.findFirst({ where: { wxRoomId }, orderBy: { seenAt: 'desc' }, select: { topic: true } }))?.topic ?? null,
  accountsSeeing: async (db: DbOrTx, wxRoomId: string) =>
    (await db.wxGroup.findMany({ where: { wxRoomId }, select: { accountId: true } })).map((g) => g.accountId),
  setMatch: (db: DbOrTx, wxRoomIds: string[], match: string, names: string[]) =>
    db.wxGroup.updateMany({ where: { wxRoomId: { in: wxRoomIds } }, data: { match, matchNames: names } }),
  /** The district's rooms with no WeChat group bound yet, with their unit's name. */
  openRooms: async (db: DbOrTx, districtId: number) =>
    (
      await db.room.findMany({
        where: { wxRoomId: null, unit: { OR: [{ districtId }, { id: districtId }] } },
        select: { id: true, topic: true, unit: { select: { name: true } } },
        orderBy: { id: 'asc' },
      })
    ).map((r) => ({ id: r.id, topic: r.topic, unitName: r.unit.name })),
  roomWithUnit: (db: DbOrTx, id: number) => db.room.findUnique({ where: { id }, include: { unit: true } }),
  isBoundGroup: async (db: DbOrTx, wxRoomId: string) => (await db.room.count({ where: { wxRoomId } })) > 0,

  /** Serializes the district's proposal work across processes (two gateways scanning at once). */
  lockDistrict: (db: DbOrTx, districtId: number) => db.$queryRaw`SELECT 1 AS ok FROM pg_advisory_xact_lock(9020, ${districtId}::int)`,

  proposalsOfDistrict: (db: DbOrTx, districtId: number) =>
    db.bindProposal.findMany({ where: { districtId }, select: { id: true, wxRoomId: true, roomId: true, state: true } }),
  createProposals: (
    db: DbOrTx,
    data: { districtId: number; number: number; wxRoomId: string; accountId: string; roomId: number; topic: string; createdAt: Date }[],
  ) => db.bindProposal.createMany({ data }),
  /** Moves a proposal on only from the state it was read in (count 0: someone else decided it meanwhile). */
  moveProposal: (
    db: DbOrTx,
    id: number,
    from: BindProposalState,
    data: { state: BindProposalState; reason?: string | null; decidedAt?: Date | null; decidedById?: number | null; announcedAt?: null; topic?: string },
  ) => db.bindProposal.updateMany({ where: { id, state: from }, data }),
  pendingOfDistrict: (db: DbOrTx, districtId: number) =>
    db.bindProposal.findMany({ where: { districtId, state: 'pending' }, include: { room: { include: { unit: true } } }, orderBy: { number: 'asc' } }),
  allPending: (db: DbOrTx) => db.bindProposal.findMany({ where: { state: 'pending' }, orderBy: { number: 'asc' } }),
  byNumbers: (db: DbOrTx, districtId: number, numbers: number[]) =>
    db.bindProposal.findMany({ where: { districtId, number: { in: numbers } }, include: { room: { include: { unit: true } } }, orderBy: { number: 'asc' } }),
  markAnnounced: (db: DbOrTx, ids: number[], at: Date) =>
    db.bindProposal.updateMany({ where: { id: { in: ids }, announcedAt: null }, data: { announcedAt: at } }),
  /** `gridbot rooms`: every group an account sees that no room is bound to, with its latest proposal. */
  unboundGroupsWithProposals: (db: DbOrTx) =>
    db.$queryRaw<
      {
        accountId: string
        wxRoomId: string
        topic: string
        match: string | null
        matchNames: string[]
        number: number | null
        state: string | null
        reason: string | null
        roomTopic: string | null
        unitName: string | null
      }[]
    >`
      SELECT g."accountId", g."wxRoomId", g."topic", g."match", g."matchNames", p."number", p."state"::text AS "state", p."reason", r."topic" AS "roomTopic", u."name" AS "unitName"
      FROM "WxGroup" g
      LEFT JOIN LATERAL (SELECT * FROM "BindProposal" bp WHERE bp."wxRoomId" = g."wxRoomId" ORDER BY bp."createdAt" DESC, bp."id" DESC LIMIT 1) p ON true
      LEFT JOIN "Room" r ON r."id" = p."roomId"
      LEFT JOIN "Unit" u ON u."id" = r."unitId"
      WHERE NOT EXISTS (SELECT 1 FROM "Room" b WHERE b."wxRoomId" = g."wxRoomId")
      ORDER BY g."accountId", g."topic", g."wxRoomId"`,
}
