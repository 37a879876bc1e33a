// The only Prisma queries of digests: per-unit counts for a set of units (a subtree) in a period, one grouped query
// per kind of record (no per-unit loops); the service folds units into the digest's children.
import type { DbOrTx } from '../../db/client.ts'
import type { CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
/** A grid with no check-in in this long is named. */
export const SILENT_MS = 3 * DAY_MS
/** A hazard open this long is named. */
export const OLD_HAZARD_MS = 48 * HOUR_MS
/** Notices this recent count for "not acknowledged". */
export const NOTICE_LOOKBACK_MS = 7 * DAY_MS

export const digestRepo = {
  subtree: (db: DbOrTx, path: string) =>
    db.unit.findMany({
      where: { path: { startsWith: path } },
      select: { id: true, name: true, kind: true, path: true },
      orderBy: [{ depth: 'asc' }, { id: 'asc' }],
    }),

  /** Check-ins (not undone) per unit and type in [from, to), with households. */
  checkins: (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    db.$queryRaw<{ unitId: number; type: CheckinType; n: number; households: number }[]>`
      SELECT "unitId", "type"::text AS "type", count(*)::int AS n, coalesce(sum("households"), 0)::int AS households
      FROM "Checkin" WHERE "unitId" = ANY(${ids}::int[]) AND "revokedAt" IS NULL AND "at" >= ${from} AND "at" < ${to}
      GROUP BY 1, 2`,

  /** Of these grids, those with a check-in in the 3 days before `asOf`. */
  activeGrids: async (db: DbOrTx, gridIds: number[], asOf: Date) =>
    (
      await db.$queryRaw<{ unitId: number }[]>`
      SELECT DISTINCT "unitId" FROM "Checkin"
      WHERE "unitId" = ANY(${gridIds}::int[]) AND "revokedAt" IS NULL AND "at" >= ${new Date(asOf.getTime() - SILENT_MS)} AND "at" < ${asOf}`
    ).map((r) => r.unitId),

  /** Per unit: tasks created, claimed and completed in [from, to), and the numbers of those overdue at `asOf`. */
  tasks: (db: DbOrTx, ids: number[], from: Date, to: Date, asOf: Date) =>
    db.$queryRaw<{ unitId: number; opened: number; claimed: number; done: number; overdue: number[] | null }[]>`
      SELECT "unitId",
        count(*) FILTER (WHERE "createdAt" >= ${from} AND "createdAt" < ${to})::int AS opened,
        count(*) FILTER (WHERE "claimedAt" >= ${from} AND "claimedAt" < ${to})::int AS claimed,
        count(*) FILTER (WHERE "status" = 'done' AND "closedAt" >= ${from} AND "closedAt" < ${to})::int AS done,
        array_agg("number") FILTER (WHERE "deadline" < ${asOf} AND "createdAt" < ${asOf} AND ("closedAt" IS NULL OR "closedAt" > ${asOf})) AS overdue
      FROM "Task" WHERE "unitId" = ANY(${ids}::int[]) AND ("closedAt" IS NULL OR "closedAt" >= ${from})
      GROUP BY 1`,

  /** Per reporting unit: hazards reported in [from, to) (a merged duplicate is not a new report). */
  hazardsReported: (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    db.$queryRaw<{ unitId: number; n: number }[]>`
      SELECT "reportUnitId" AS "unitId", count(*)::int AS n FROM "Hazard"
      WHERE "reportUnitId" = ANY(${ids}::int[]) AND "createdAt" >= ${from} AND "createdAt" < ${to} AND "mergedIntoId" IS NULL
      GROUP BY 1`,

  /** Per handling unit: hazards resolved in [from, to), and the numbers of those open over 48 h at `asOf`. */
  hazardsHandled: (db: DbOrTx, ids: number[], from: Date, to: Date, asOf: Date) =>
    db.$queryRaw<{ unitId: number; resolved: number; old: number[] | null }[]>`
      SELECT "unitId",
        count(*) FILTER (WHERE "resolvedAt" >= ${from} AND "resolvedAt" < ${to})::int AS resolved,
        array_agg("number") FILTER (WHERE "createdAt" < ${new Date(asOf.getTime() - OLD_HAZARD_MS)}
          AND ("resolvedAt" IS NULL OR "resolvedAt" > ${asOf} OR "status" = 'reopened')) AS old
      FROM "Hazard" WHERE "unitId" = ANY(${ids}::int[]) AND "mergedIntoId" IS NULL AND "status" <> 'merged'
        AND ("closedAt" IS NULL OR "closedAt" >= ${from})
      GROUP BY 1`,

  /** Per unit of the person: hours approved in [from, to), and entries waiting for a decision at `asOf`. */
  hours: (db: DbOrTx, ids: number[], from: Date, to: Date, asOf: Date) =>
    db.$queryRaw<{ unitId: number; approved: number; minutes: number; pending: number }[]>`
      SELECT "unitId",
        count(*) FILTER (WHERE "status" = 'approved' AND "reviewedAt" >= ${from} AND "reviewedAt" < ${to})::int AS approved,
        coalesce(sum("minutes") FILTER (WHERE "status" = 'approved' AND "reviewedAt" >= ${from} AND "reviewedAt" < ${to}), 0)::int AS minutes,
        count(*) FILTER (WHERE "createdAt" < ${asOf} AND ("status" = 'pending' OR "reviewedAt" > ${asOf}))::int AS pending
      FROM "VolunteerEntry" WHERE "unitId" = ANY(${ids}::int[]) AND ("status" = 'pending' OR "reviewedAt" >= ${from})
      GROUP BY 1`,

  /** Activities (not cancelled) of these units starting in [from, to): how many, attendances, late, absent (closed). */
  activities: async (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    (
      await db.$queryRaw<{ held: number; attended: number; late: number; absent: number }[]>`
      SELECT count(DISTINCT a."id")::int AS held,
        (count(s."id") FILTER (WHERE s."status" = 'signed' AND s."attendedAt" IS NOT NULL))::int AS attended,
        (count(s."id") FILTER (WHERE s."status" = 'signed' AND s."attendedAt" IS NOT NULL AND s."late"))::int AS late,
        (count(s."id") FILTER (WHERE a."status" = 'closed' AND s."status" = 'signed' AND NOT s."walkIn" AND s."attendedAt" IS NULL))::int AS absent
      FROM "Activity" a LEFT JOIN "ActivitySignup" s ON s."activityId" = a."id"
      WHERE a."unitId" = ANY(${ids}::int[]) AND a."status" <> 'cancelled' AND a."startsAt" >= ${from} AND a."startsAt" < ${to}`
    )[0] ?? { held: 0, attended: 0, late: 0, absent: 0 },

  /**
   * Per unit of the receiving room: notice deliveries (notice × group) of notices sent in [from, to), the groups they
   * reached, and those acknowledged within the SLA; and the groups (not deliveries, issue #29) holding one of the last
   * 7 days' notices past its SLA and not acknowledged at `asOf` (of notices that asked for 收到: chased, issue #23).
   */
  notices: (db: DbOrTx, ids: number[], from: Date, to: Date, asOf: Date) =>
    db.$queryRaw<{ unitId: number; deliveries: number; rooms: number; onTime: number; unacked: number }[]>`
      SELECT d."unitId",
        count(*) FILTER (WHERE n."createdAt" >= ${from} AND n."createdAt" < ${to})::int AS deliveries,
        count(DISTINCT d."roomId") FILTER (WHERE n."createdAt" >= ${from} AND n."createdAt" < ${to})::int AS rooms,
        count(*) FILTER (WHERE n."createdAt" >= ${from} AND n."createdAt" < ${to} AND d."ackAt" <= n."slaAt")::int AS "onTime",
        count(DISTINCT d."roomId") FILTER (WHERE n."chase" AND n."slaAt" < ${asOf} AND n."createdAt" >= ${new Date(asOf.getTime() - NOTICE_LOOKBACK_MS)}
          AND (d."ackAt" IS NULL OR d."ackAt" > ${asOf}))::int AS unacked
      FROM "NoticeDelivery" d JOIN "Notice" n ON n."id" = d."noticeId"
      WHERE d."unitId" = ANY(${ids}::int[]) AND n."createdAt" >= ${new Date(Math.min(from.getTime(), asOf.getTime() - NOTICE_LOOKBACK_MS))}
      GROUP BY 1`,

  /** Distinct notices with a delivery into these units, sent in [from, to). */
  noticesSent: async (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    (
      await db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT d."noticeId")::int AS n FROM "NoticeDelivery" d JOIN "Notice" n ON n."id" = d."noticeId"
      WHERE d."unitId" = ANY(${ids}::int[]) AND n."createdAt" >= ${from} AND n."createdAt" < ${to}`
    )[0]?.n ?? 0,

  /** Records a scheduled digest for a room and period; false when one was recorded before (nothing to send). */
  claimRun: async (
    db: DbOrTx,
    r: { unitId: number; roomId: number; kind: string; periodFrom: Date; occurrenceAt: Date; sentAt: Date; late: boolean },
  ): Promise<boolean> => (await db.digestRun.createMany({ data: [r], skipDuplicates: true })).count === 1,

  /** The chart of these rooms' digest is still to be sent (set in the digest's transaction, after the claims). */
  chartWanted: (db: DbOrTx, r: { unitId: number; kind: string; periodFrom: Date; roomIds: number[] }) =>
    db.digestRun.updateMany({
      where: { unitId: r.unitId, kind: r.kind, periodFrom: r.periodFrom, roomId: { in: r.roomIds } },
      data: { chartState: 'pending' },
    }),
  /** The runs of one occurrence whose chart is still to be sent, with their rooms. */
  chartsPending: (db: DbOrTx, unitId: number, kind: string, occurrenceAt: Date) =>
    db.digestRun.findMany({ where: { unitId, kind, occurrenceAt, chartState: 'pending' }, include: { room: true }, orderBy: { id: 'asc' } }),
  /** pending → sent for one run; false when another run of the job got there first (the image is posted once). */
  chartSent: async (db: DbOrTx, id: number) =>
    (await db.digestRun.updateMany({ where: { id, chartState: 'pending' }, data: { chartState: 'sent' } })).count === 1,
  /** Runs whose chart is still to be sent, sent before `before` (null: all), ids above `afterId` (the sweeper). */
  pendingCharts: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.digestRun.findMany({
      where: { chartState: 'pending', id: { gt: afterId }, ...(before ? { sentAt: { lt: before } } : {}) },
      select: { id: true, unitId: true, kind: true, occurrenceAt: true, sentAt: true },
      orderBy: { id: 'asc' },
      take,
    }),

  /** Units (not grids) with a bound room, ids above `afterId`, with their paths: whose supervisors get digests. */
  unitsWithRooms: (db: DbOrTx, afterId: number, take: number) =>
    db.unit.findMany({
      where: { id: { gt: afterId }, kind: { not: 'grid' }, rooms: { some: { wxRoomId: { not: null } } } },
      select: { id: true, path: true, policy: true },
      orderBy: { id: 'asc' },
      take,
    }),
  /** Grids with a bound room, ids above `afterId`, with their paths: whose groups may get the check-in reminder. */
  gridsWithRooms: (db: DbOrTx, afterId: number, take: number) =>
    db.unit.findMany({
      where: { id: { gt: afterId }, kind: 'grid', rooms: { some: { wxRoomId: { not: null } } } },
      select: { id: true, path: true },
      orderBy: { id: 'asc' },
      take,
    }),
  /** Whether the unit has a check-in (not undone) in [from, to). */
  checkedIn: async (db: DbOrTx, unitId: number, from: Date, to: Date) =>
    (await db.checkin.findFirst({ where: { unitId, revokedAt: null, at: { gte: from, lt: to } }, select: { id: true } })) !== null,
  policiesOf: (db: DbOrTx, ids: number[]) => db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, policy: true } }),
  /** The latest scheduled occurrence sent per (unit, kind). */
  lastRuns: (db: DbOrTx, unitIds: number[]) =>
    db.digestRun.groupBy({ by: ['unitId', 'kind'], where: { unitId: { in: unitIds } }, _max: { occurrenceAt: true } }),
}
