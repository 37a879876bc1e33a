// The only queries behind the unit ranking (#排行 本月 网格 read above the grids): per unit under a path prefix, what
// was done in a period — check-ins, tasks completed, hazards resolved, needs met (their task completed), notices
// delivered and acknowledged. Each row carries the unit's path, so the service can add them up by the level asked.
import type { DbOrTx } from '../../db/client.ts'

export interface UnitCount {
  path: string
  n: number
}
type Raw = { path: string; n: bigint }[]
const rows = (r: Raw): UnitCount[] => r.map((x) => ({ path: x.path, n: Number(x.n) }))

export const unitRankingRepo = {
  checkins: async (db: DbOrTx, prefix: string, from: Date, to: Date) =>
    rows(
      await db.$queryRaw<Raw>`
        SELECT u."path", count(*) AS n FROM "Checkin" c JOIN "Unit" u ON u."id" = c."unitId"
        WHERE u."path" LIKE ${`${prefix}%`} AND c."at" >= ${from} AND c."at" < ${to} AND c."revokedAt" IS NULL GROUP BY u."path"`,
    ),
  tasksDone: async (db: DbOrTx, prefix: string, from: Date, to: Date) =>
    rows(
      await db.$queryRaw<Raw>`
        SELECT u."path", count(*) AS n FROM "Task" t JOIN "Unit" u ON u."id" = t."unitId"
        WHERE u."path" LIKE ${`${prefix}%`} AND t."status" = 'done' AND t."closedAt" >= ${from} AND t."closedAt" < ${to} GROUP BY u."path"`,
    ),
  hazardsResolved: async (db: DbOrTx, prefix: string, from: Date, to: Date) =>
    rows(
      await db.$queryRaw<Raw>`
        SELECT u."path", count(*) AS n FROM "Hazard" h JOIN "Unit" u ON u."id" = h."unitId"
        WHERE u."path" LIKE ${`${prefix}%`} AND h."status" IN ('resolved', 'verified') AND h."resolvedAt" >= ${from} AND h."resolvedAt" < ${to}
        GROUP BY u."path"`,
    ),
  needsMet: async (db: DbOrTx, prefix: string, from: Date, to: Date) =>
    rows(
      await db.$queryRaw<Raw>`
        SELECT u."path", count(*) AS n FROM "Need" n JOIN "Task" t ON t."id" = n."taskId" JOIN "Unit" u ON u."id" = n."unitId"
        WHERE u."path" LIKE ${`${prefix}%`} AND t."status" = 'done' AND t."closedAt" >= ${from} AND t."closedAt" < ${to} GROUP BY u."path"`,
    ),
  /** Notices delivered to the units' groups in the period, and how many of those were acknowledged. */
  acks: async (db: DbOrTx, prefix: string, from: Date, to: Date) =>
    (
      await db.$queryRaw<{ path: string; sent: bigint; acked: bigint }[]>`
        SELECT u."path", count(*) AS sent, count(d."ackAt") AS acked FROM "NoticeDelivery" d JOIN "Unit" u ON u."id" = d."unitId"
        WHERE u."path" LIKE ${`${prefix}%`} AND d."status" IN ('sent', 'acknowledged') AND d."queuedAt" >= ${from} AND d."queuedAt" < ${to}
        GROUP BY u."path"`
    ).map((r) => ({ path: r.path, sent: Number(r.sent), acked: Number(r.acked) })),
}
