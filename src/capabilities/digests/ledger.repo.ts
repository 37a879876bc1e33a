// The only Prisma queries of the 台账 export: one month of a district's records, or of some of its units (a subtree),
// one row per record.
import type { DbOrTx } from '../../db/client.ts'
import { Prisma } from '../../db/generated/client.ts'
import type { CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'

/** `ids` null: the whole district (read through its own column and indexes). */
const units = (districtId: number, ids: number[] | null) => (ids ? { unitId: { in: ids } } : { districtId })

/** One activity as the ledger lists it, with its sign-ups counted (absent: signed up, not come, once closed). */
export interface ActivityLedgerRow {
  number: number
  name: string
  unitId: number
  kind: string
  team: string | null
  startsAt: Date
  place: string | null
  capacity: number | null
  status: string
  minutes: number | null
  signups: number
  attended: number
  late: number
  absent: number
  /** Photos kept as its evidence (sent just after closing). */
  photos: number
}

/** One check-in as the ledger lists it. */
export interface CheckinLedgerRow {
  at: Date
  unitId: number
  unitName: string
  memberName: string
  type: CheckinType
  households: number | null
  note: string | null
  address: string | null
}

/** What `#导出 台账` records: the request a timer job builds the file for. */
export interface LedgerExportRequest {
  accountId: string
  messageId: string
  roomId: number
  month: string
  label: string
  createdAt: Date
}

export const ledgerRepo = {
  /** The request of a message, written once however often the message is delivered; returns its row. */
  request: async (db: DbOrTx, r: LedgerExportRequest) => {
    await db.ledgerExport.createMany({ data: [r], skipDuplicates: true })
    return db.ledgerExport.findUniqueOrThrow({ where: { accountId_messageId: { accountId: r.accountId, messageId: r.messageId } } })
  },
  exportById: (db: DbOrTx, id: number) => db.ledgerExport.findUnique({ where: { id }, include: { room: { include: { unit: true } } } }),
  /** pending → done or failed; false when another run got there first (the file or the apology is posted once). */
  finishExport: async (db: DbOrTx, id: number, status: 'done' | 'failed', at: Date) =>
    (await db.ledgerExport.updateMany({ where: { id, status: 'pending' }, data: { status, doneAt: at } })).count === 1,
  /** Requests not finished, ids above `afterId`, made before `before` (null: all), in id order. */
  pendingExports: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.ledgerExport.findMany({
      where: { status: 'pending', id: { gt: afterId }, ...(before ? { createdAt: { lt: before } } : {}) },
      select: { id: true, createdAt: true },
      orderBy: { id: 'asc' },
      take,
    }),

  subtree: (db: DbOrTx, path: string) =>
    db.unit.findMany({ where: { path: { startsWith: path } }, select: { id: true, name: true }, orderBy: [{ depth: 'asc' }, { id: 'asc' }] }),
  unitNames: (db: DbOrTx, ids: number[]) => db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),

  /** Check-ins (not undone) in [from, to) with the member's and unit's names, in time order. */
  checkins: (db: DbOrTx, districtId: number, ids: number[] | null, from: Date, to: Date) =>
    db.$queryRaw<CheckinLedgerRow[]>`
      SELECT c."at", c."unitId", u."name" AS "unitName", m."name" AS "memberName", c."type"::text AS "type", c."households", c."note", c."address"
      FROM "Checkin" c JOIN "Unit" u ON u."id" = c."unitId" JOIN "Member" m ON m."id" = c."memberId"
      WHERE c."at" >= ${from} AND c."at" < ${to} AND c."revokedAt" IS NULL
        AND ${ids ? Prisma.sql`c."unitId" = ANY(${ids}::int[])` : Prisma.sql`(u."districtId" = ${districtId} OR u."id" = ${districtId})`}
      ORDER BY c."at", c."id"`,
  tasks: (db: DbOrTx, districtId: number, ids: number[] | null, from: Date, to: Date) =>
    db.task.findMany({ where: { districtId, ...units(districtId, ids), createdAt: { gte: from, lt: to } }, orderBy: { number: 'asc' } }),
  /** Hazards reported in the scope or handled by it. */
  hazards: (db: DbOrTx, districtId: number, ids: number[] | null, from: Date, to: Date) =>
    db.hazard.findMany({
      where: { districtId, createdAt: { gte: from, lt: to }, ...(ids ? { OR: [{ reportUnitId: { in: ids } }, { unitId: { in: ids } }] } : {}) },
      orderBy: { number: 'asc' },
    }),
  volunteer: (db: DbOrTx, districtId: number, ids: number[] | null, from: Date, to: Date) =>
    db.volunteerEntry.findMany({ where: { districtId, ...units(districtId, ids), day: { gte: from, lt: to } }, orderBy: { number: 'asc' } }),
  /** Activities starting in [from, to) with their sign-ups counted, by number. */
  activities: (db: DbOrTx, districtId: number, ids: number[] | null, from: Date, to: Date) =>
    db.$queryRaw<ActivityLedgerRow[]>`
      SELECT a."number", a."name", a."unitId", a."kind", a."team", a."startsAt", a."place", a."capacity", a."status", a."minutes",
        (count(s."id") FILTER (WHERE s."status" <> 'cancelled' AND NOT s."walkIn"))::int AS "signups",
        (count(s."id") FILTER (WHERE s."status" = 'signed' AND s."attendedAt" IS NOT NULL))::int AS "attended",
        (count(s."id") FILTER (WHERE s."status" = 'signed' AND s."attendedAt" IS NOT NULL AND s."late"))::int AS "late",
        (count(s."id") FILTER (WHERE a."status" = 'closed' AND s."status" = 'signed' AND NOT s."walkIn" AND s."attendedAt" IS NULL))::int AS "absent",
        (SELECT count(*) FROM "Media" m WHERE m."activityId" = a."id")::int AS "photos"
      FROM "Activity" a LEFT JOIN "ActivitySignup" s ON s."activityId" = a."id"
      WHERE a."startsAt" >= ${from} AND a."startsAt" < ${to}
        AND ${ids ? Prisma.sql`a."unitId" = ANY(${ids}::int[])` : Prisma.sql`a."districtId" = ${districtId}`}
      GROUP BY a."id" ORDER BY a."number"`,
}
