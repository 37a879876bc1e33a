// The only Prisma queries of the 台账 export: one month of a district's records, or of some of its units (a subtree),
// one row per record.
import type { DbOrTx } from '../../db/client.ts'
import { Prisma } from '../../db/generated/client.ts'
import type { CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'

/** `ids` null: the whole district (read through its own column and indexes). */
const units = (districtId: number, ids: number[] | null) => (ids ? { unitId: { in: ids } } : { districtId })

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
}
