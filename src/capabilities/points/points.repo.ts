// The only place with Prisma queries about the points ledger, balances, monthly rollups, volunteer entries, the
// catalogue and redemptions. The ledger is only ever inserted into: every insert updates the member's balance (and,
// for what counts in rankings, the monthly rollup) in the same statement, so balance = sum of entries always. The
// ledger is partitioned by month; its key (district, source, ref, member) is unique in "PointsKey", written first in
// the same statement: only a new key writes its entry (migration …_ledger_partitions).
import type { DbOrTx } from '../../db/client.ts'
import type { Prisma } from '../../db/generated/client.ts'

export interface NewEntry {
  districtId: number
  memberId: number
  unitId: number
  source: string
  ref: string
  centi: number
  reason?: string | null
  reversesId?: number | null
  actorId?: number | null
  at: Date
  /** Counts in rankings (earning, and corrections of earning); spending does not. */
  ranked: boolean
  /** The month (of this time) the rollup counts it in, when not `at`'s: a correction counts where the entry it reverses did. */
  monthAt?: Date
}

/** yyyymm of a timestamp column in Asia/Shanghai (columns hold UTC). */
const localMonthOf = (expr: string) => `(extract(year from ${expr} + interval '8 hours') * 100 + extract(month from ${expr} + interval '8 hours'))::int`
const LOCAL_MONTH = localMonthOf('"at"')

export const pointsRepo = {
  /**
   * Appends one entry unless (district, source, ref, member) has one already; the balance and (when ranked) the month's rollup
   * move in the same statement. Returns the new row's id and the balance after it, or null when it existed.
   */
  append: async (db: DbOrTx, e: NewEntry): Promise<{ id: number; balance: number } | null> => {
    const rows = await db.$queryRawUnsafe<{ id: number; balance: number }[]>(
      `WITH k AS (
        INSERT INTO "PointsKey" ("districtId", "source", "ref", "memberId") VALUES ($1, $4, $5, $2)
        ON CONFLICT ("districtId", "source", "ref", "memberId") DO NOTHING
        RETURNING 1
      ), e AS (
        INSERT INTO "PointsEntry" ("districtId", "memberId", "unitId", "source", "ref", "centi", "reason", "reversesId", "actorId", "at")
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM k
        RETURNING "id", "memberId", "unitId", "centi", "at"
      ), b AS (
        INSERT INTO "PointsBalance" ("memberId", "centi") SELECT "memberId", "centi" FROM e
        ON CONFLICT ("memberId") DO UPDATE SET "centi" = "PointsBalance"."centi" + EXCLUDED."centi"
        RETURNING "centi"
      ), m AS (
        INSERT INTO "PointsMonthly" ("memberId", "unitId", "month", "centi") SELECT "memberId", "unitId", ${localMonthOf('COALESCE($12::timestamp, "at")')}, "centi" FROM e WHERE $11
        ON CONFLICT ("memberId", "unitId", "month") DO UPDATE SET "centi" = "PointsMonthly"."centi" + EXCLUDED."centi"
        RETURNING 1
      )
      SELECT e."id", (SELECT "centi" FROM b) AS balance FROM e`,
      e.districtId,
      e.memberId,
      e.unitId,
      e.source,
      e.ref,
      e.centi,
      e.reason ?? null,
      e.reversesId ?? null,
      e.actorId ?? null,
      e.at,
      e.ranked,
      e.monthAt ?? null,
    )
    const r = rows[0]
    return r ? { id: Number(r.id), balance: Number(r.balance) } : null
  },

  /**
   * Spends `cost` (hundredths, > 0) only if the balance covers it: the balance row is decremented conditionally (its
   * row lock orders concurrent spends by the same member, each re-checking the balance after the one before) and
   * the negative entry is inserted in the same statement. Returns the balance after, or null when it did not cover.
   */
  spend: async (db: DbOrTx, e: Omit<NewEntry, 'centi' | 'ranked'> & { cost: number }): Promise<number | null> => {
    const rows = await db.$queryRaw<{ balance: number }[]>`
      WITH b AS (
        UPDATE "PointsBalance" SET "centi" = "centi" - ${e.cost} WHERE "memberId" = ${e.memberId} AND "centi" >= ${e.cost} RETURNING "centi"
      ), k AS (
        INSERT INTO "PointsKey" ("districtId", "source", "ref", "memberId") SELECT ${e.districtId}, ${e.source}, ${e.ref}, ${e.memberId} FROM b
        RETURNING 1
      ), e AS (
        INSERT INTO "PointsEntry" ("districtId", "memberId", "unitId", "source", "ref", "centi", "reason", "actorId", "at")
        SELECT ${e.districtId}, ${e.memberId}, ${e.unitId}, ${e.source}, ${e.ref}, ${-e.cost}, ${e.reason ?? null}, ${e.actorId ?? null}, ${e.at} FROM b, k
        RETURNING "id"
      )
      SELECT b."centi" AS balance FROM b, e`
    return rows[0] ? Number(rows[0].balance) : null
  },

  /**
   * Settles check-ins into the ledger (lazily, off the check-in hot path): each live check-in of these units in
   * [from, cutoff), at most `perDay` per member and local day (the earliest), earns `centi`. Idempotent: a check-in
   * settled before is skipped by the ledger's unique key. Returns how many entries it wrote.
   */
  settleCheckins: async (
    db: DbOrTx,
    a: { districtId: number; unitIds: number[]; centi: number; perDay: number; from: Date; cutoff: Date; memberId?: number | null },
  ) => {
    const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `WITH c AS (
        SELECT x."id", x."memberId", x."unitId", x."at" FROM (
          SELECT c."id", c."memberId", c."unitId", c."at",
            row_number() OVER (PARTITION BY c."memberId", date_trunc('day', c."at" + interval '8 hours') ORDER BY c."at", c."id") AS rn
          FROM "Checkin" c
          WHERE c."revokedAt" IS NULL AND c."at" >= $1 AND c."at" < $2 AND c."unitId" = ANY($3::int[]) AND ($7::int IS NULL OR c."memberId" = $7::int)
        ) x WHERE x.rn <= $4
      ), k AS (
        INSERT INTO "PointsKey" ("districtId", "source", "ref", "memberId") SELECT $5, 'checkin', 'C' || c."id", c."memberId" FROM c
        ON CONFLICT ("districtId", "source", "ref", "memberId") DO NOTHING
        RETURNING "ref", "memberId"
      ), e AS (
        INSERT INTO "PointsEntry" ("districtId", "memberId", "unitId", "source", "ref", "centi", "at")
        SELECT $5, c."memberId", c."unitId", 'checkin', 'C' || c."id", $6, c."at" FROM c JOIN k ON k."ref" = 'C' || c."id" AND k."memberId" = c."memberId"
        RETURNING "memberId", "unitId", "centi", "at"
      ), b AS (
        INSERT INTO "PointsBalance" ("memberId", "centi") SELECT "memberId", sum("centi") FROM e GROUP BY "memberId" ORDER BY "memberId"
        ON CONFLICT ("memberId") DO UPDATE SET "centi" = "PointsBalance"."centi" + EXCLUDED."centi"
        RETURNING 1
      ), m AS (
        INSERT INTO "PointsMonthly" ("memberId", "unitId", "month", "centi") SELECT "memberId", "unitId", ${LOCAL_MONTH}, sum("centi") FROM e GROUP BY 1, 2, 3
        ON CONFLICT ("memberId", "unitId", "month") DO UPDATE SET "centi" = "PointsMonthly"."centi" + EXCLUDED."centi"
        RETURNING 1
      )
      SELECT count(*) AS n FROM e`,
      a.from,
      a.cutoff,
      a.unitIds,
      a.perDay,
      a.districtId,
      a.centi,
      a.memberId ?? null,
    )
    return Number(rows[0]?.n ?? 0)
  },
  /** One settlement per district at a time; a second, meanwhile, skips (false) instead of waiting. */
  trySettleLock: async (db: DbOrTx, districtId: number) =>
    (await db.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(9009, ${districtId}::int) AS ok`)[0]?.ok === true,
  cursor: async (db: DbOrTx, districtId: number, source: string) =>
    (await db.pointsCursor.findUnique({ where: { districtId_source: { districtId, source } } }))?.upTo ?? null,
  /** Moves the cursor forward only (two settlements at once leave the later one). */
  advanceCursor: (db: DbOrTx, districtId: number, source: string, upTo: Date) =>
    db.$executeRaw`
      INSERT INTO "PointsCursor" ("districtId", "source", "upTo") VALUES (${districtId}, ${source}, ${upTo})
      ON CONFLICT ("districtId", "source") DO UPDATE SET "upTo" = GREATEST("PointsCursor"."upTo", EXCLUDED."upTo")`,

  balance: async (db: DbOrTx, memberId: number) => (await db.pointsBalance.findUnique({ where: { memberId } }))?.centi ?? 0,
  sumOfEntries: async (db: DbOrTx, memberId: number) => (await db.pointsEntry.aggregate({ where: { memberId }, _sum: { centi: true } }))._sum.centi ?? 0,
  lastEntries: (db: DbOrTx, memberId: number, take: number) =>
    db.pointsEntry.findMany({ where: { memberId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take }),
  /** What (source, ref) paid in one district (ids people type are per district). */
  entriesByRef: (db: DbOrTx, districtId: number, source: string, ref: string) =>
    db.pointsEntry.findMany({ where: { districtId, source, ref }, orderBy: { id: 'asc' } }),
  /** What the resources a task used paid their providers (refs 'R5:T12'). */
  resourceEntriesOfTask: (db: DbOrTx, districtId: number, taskLabel: string) =>
    db.pointsEntry.findMany({ where: { districtId, source: 'resource', ref: { endsWith: `:${taskLabel}` } }, orderBy: { id: 'asc' } }),
  reversalOf: (db: DbOrTx, entryId: number) => db.pointsEntry.findFirst({ where: { reversesId: entryId } }),
  reversalsOf: (db: DbOrTx, entryIds: number[]) => db.pointsEntry.findMany({ where: { reversesId: { in: entryIds } }, orderBy: { id: 'asc' } }),
  /**
   * Serialises what touches a member's hours — logging (the daily limit checked, then the entry written) and
   * deciding — with the other transactions doing the same for them, until this one ends. Several members: take them
   * in id order. Works on PostgreSQL and PGlite alike.
   */
  lockMemberHours: async (db: DbOrTx, memberId: number) => {
    await db.$queryRaw`SELECT 1 AS ok FROM pg_advisory_xact_lock(9010, ${memberId}::int)`
  },
  /** Locks the member's balance row (when there is one) until the transaction ends: taken first when spending. */
  lockBalance: async (db: DbOrTx, memberId: number) => {
    await db.$queryRaw`SELECT "memberId" FROM "PointsBalance" WHERE "memberId" = ${memberId} FOR UPDATE`
  },
  /** Each member's ledger sum over the district's entries before `at` (the exports' opening balances). */
  sumsBefore: async (db: DbOrTx, districtId: number, at: Date) =>
    new Map(
      (
        await db.$queryRaw<{ memberId: number; centi: bigint }[]>`
          SELECT "memberId", sum("centi") AS centi FROM "PointsEntry" WHERE "districtId" = ${districtId} AND "at" < ${at} GROUP BY "memberId"`
      ).map((r) => [r.memberId, Number(r.centi)]),
    ),
  /** A district's entries in [from, to) with who and where, for the 台账 export. */
  entriesBetween: (db: DbOrTx, districtId: number, from: Date, to: Date) =>
    db.$queryRaw<
      {
        id: number
        memberId: number
        at: Date
        source: string
        ref: string
        reversedRef: string | null
        centi: number
        reason: string | null
        member: string
        wxid: string
        unitId: number
        unit: string
      }[]
    >`
      SELECT e."id", e."memberId", e."at", e."source", e."ref", r."ref" AS "reversedRef", e."centi", e."reason", m."name" AS member, m."wxid", e."unitId", u."name" AS unit
      FROM "PointsEntry" e JOIN "Member" m ON m."id" = e."memberId" JOIN "Unit" u ON u."id" = e."unitId"
        LEFT JOIN "PointsEntry" r ON r."id" = e."reversesId"
      WHERE e."districtId" = ${districtId} AND e."at" >= ${from} AND e."at" < ${to}
      ORDER BY e."at", e."id"`,

  /**
   * Points earned in these months by each member whose entries fall in units under the path prefix, highest first,
   * with the member's own (current) unit.
   */
  memberTotals: async (db: DbOrTx, pathPrefix: string, months: number[]) =>
    (
      await db.$queryRaw<{ memberId: number; unitId: number; centi: bigint }[]>`
        SELECT pm."memberId", m."unitId", sum(pm."centi") AS centi
        FROM "PointsMonthly" pm JOIN "Unit" u ON u."id" = pm."unitId" JOIN "Member" m ON m."id" = pm."memberId"
        WHERE pm."month" = ANY(${months}::int[]) AND u."path" LIKE ${`${pathPrefix}%`}
        GROUP BY pm."memberId", m."unitId" HAVING sum(pm."centi") <> 0 ORDER BY centi DESC, pm."memberId" ASC`
    ).map((r) => ({ memberId: r.memberId, unitId: r.unitId, centi: Number(r.centi) })),
  /** Points earned in these months per unit under the path prefix. */
  unitTotals: async (db: DbOrTx, pathPrefix: string, months: number[]) =>
    (
      await db.$queryRaw<{ unitId: number; path: string; centi: bigint }[]>`
        SELECT pm."unitId", u."path", sum(pm."centi") AS centi FROM "PointsMonthly" pm JOIN "Unit" u ON u."id" = pm."unitId"
        WHERE pm."month" = ANY(${months}::int[]) AND u."path" LIKE ${`${pathPrefix}%`}
        GROUP BY pm."unitId", u."path"`
    ).map((r) => ({ unitId: r.unitId, path: r.path, centi: Number(r.centi) })),
  /** Active grid cadres per unit under the path prefix (rankings per registered cadre). */
  cadreCounts: async (db: DbOrTx, pathPrefix: string) =>
    (
      await db.$queryRaw<{ path: string; n: bigint }[]>`
        SELECT u."path", count(*) AS n FROM "Member" m JOIN "Unit" u ON u."id" = m."unitId"
        WHERE m."active" AND m."role" = 'grid_cadre' AND u."path" LIKE ${`${pathPrefix}%`} GROUP BY u."path"`
    ).map((r) => ({ path: r.path, n: Number(r.n) })),

  // ── Volunteer entries ──
  createVolunteer: (db: DbOrTx, data: Prisma.VolunteerEntryUncheckedCreateInput) => db.volunteerEntry.create({ data }),
  volunteerByNumber: (db: DbOrTx, districtId: number, number: number) => db.volunteerEntry.findUnique({ where: { districtId_number: { districtId, number } } }),
  volunteerDay: (db: DbOrTx, memberId: number, day: Date) => db.volunteerEntry.findMany({ where: { memberId, day }, orderBy: { number: 'asc' } }),
  /** Pending entries under the path prefix, but none of the excluded member's own hours nor the hours they logged. */
  pendingUnder: (db: DbOrTx, districtId: number, pathPrefix: string, excludeMemberId: number, take: number) =>
    db.$queryRaw<{ id: number }[]>`
      SELECT v."id" FROM "VolunteerEntry" v JOIN "Unit" u ON u."id" = v."unitId"
      WHERE v."districtId" = ${districtId} AND v."status" = 'pending' AND v."memberId" <> ${excludeMemberId} AND v."loggedById" <> ${excludeMemberId}
        AND u."path" LIKE ${`${pathPrefix}%`}
      ORDER BY v."number" LIMIT ${take}`,
  volunteersByIds: (db: DbOrTx, ids: number[]) => db.volunteerEntry.findMany({ where: { id: { in: ids } }, orderBy: { number: 'asc' } }),
  /** pending → approved / rejected, only while it is still pending (two approvers at once: one wins). */
  decideVolunteer: async (db: DbOrTx, id: number, data: { status: 'approved' | 'rejected'; reviewerId: number; reviewedAt: Date; reason: string | null }) =>
    (await db.volunteerEntry.updateMany({ where: { id, status: 'pending' }, data })).count === 1,

  // ── Catalogue and redemptions ──
  itemsOfDistrict: (db: DbOrTx, districtId: number) => db.catalogueItem.findMany({ where: { districtId } }),
  createItem: (db: DbOrTx, data: Prisma.CatalogueItemUncheckedCreateInput) => db.catalogueItem.create({ data }),
  updateItem: (db: DbOrTx, id: number, data: Prisma.CatalogueItemUncheckedUpdateInput) => db.catalogueItem.update({ where: { id }, data }),
  /** Adds (or takes back) supplied stock, never below zero. */
  restock: (db: DbOrTx, id: number, delta: number, supplied: number) =>
    db.$executeRaw`UPDATE "CatalogueItem" SET "stock" = GREATEST(0, "stock" + ${delta}), "supplied" = ${supplied} WHERE "id" = ${id}`,
  activeItemsIn: (db: DbOrTx, unitIds: number[]) =>
    db.catalogueItem.findMany({ where: { unitId: { in: unitIds }, active: true }, orderBy: [{ centi: 'asc' }, { id: 'asc' }] }),
  itemById: (db: DbOrTx, id: number) => db.catalogueItem.findUnique({ where: { id } }),
  /** Takes one from stock atomically: false when none is left (or the item was withdrawn). */
  /** Takes `n` units of a currency from what the provider backs: never below zero, whoever is concurrent. */
  takeMany: async (db: DbOrTx, id: number, n: number) =>
    (await db.$executeRaw`UPDATE "CatalogueItem" SET "stock" = "stock" - ${n} WHERE "id" = ${id} AND "stock" >= ${n} AND "active"`) === 1,
  takeOne: async (db: DbOrTx, id: number) =>
    (await db.$executeRaw`UPDATE "CatalogueItem" SET "stock" = "stock" - 1 WHERE "id" = ${id} AND "stock" > 0 AND "active"`) === 1,
  /** Inserts a redemption under a code; false when the code is taken (a unique violation would abort the transaction). */
  createRedemption: async (
    db: DbOrTx,
    r: { code: string; itemId: number; memberId: number; centi: number; roomId: number; createdAt: Date; amount?: number },
  ) =>
    (await db.$executeRaw`
      INSERT INTO "Redemption" ("code", "itemId", "memberId", "centi", "roomId", "createdAt", "amount")
      VALUES (${r.code}, ${r.itemId}, ${r.memberId}, ${r.centi}, ${r.roomId}, ${r.createdAt}, ${r.amount ?? 1}) ON CONFLICT ("code") DO NOTHING`) === 1,
  redemptionByCode: (db: DbOrTx, code: string) => db.redemption.findUnique({ where: { code } }),
  /** issued → used, once. */
  useRedemption: async (db: DbOrTx, id: number, by: number, at: Date) =>
    (await db.redemption.updateMany({ where: { id, status: 'issued' }, data: { status: 'used', usedAt: at, usedById: by } })).count === 1,
}
