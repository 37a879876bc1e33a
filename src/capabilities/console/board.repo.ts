// The only place with Prisma queries about what the web console's board reads: open work of a subtree, recent
// notices with their deliveries, and each account's unsent outbox rows.
import type { DbOrTx } from '../../db/client.ts'
import type { HazardStatus } from '../../db/generated/enums.ts'

const OPEN_HAZARD: HazardStatus[] = ['screening', 'reported', 'acknowledged', 'in_progress', 'resolved', 'reopened', 'pending_duplicate']

export const boardRepo = {
  /** Open and claimed tasks of these units, urgent first, then oldest first. */
  openTasks: (db: DbOrTx, unitIds: number[], take: number) =>
    db.task.findMany({
      where: { unitId: { in: unitIds }, status: { in: ['open', 'claimed'] } },
      orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take,
    }),
  /** Hazards not yet closed that were reported in, or routed to, these units. */
  openHazards: (db: DbOrTx, unitIds: number[], take: number) =>
    db.hazard.findMany({
      where: { status: { in: OPEN_HAZARD }, OR: [{ unitId: { in: unitIds } }, { targetUnitId: { in: unitIds } }, { reportUnitId: { in: unitIds } }] },
      orderBy: [{ priority: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take,
    }),
  /** Open activities (#24) of these units or recruiting them — a 招募令 to one of them or to a unit above them
   *  (`aboveIds`) — starting after `from`, soonest first, with their sign-ups that hold a place. */
  upcomingActivities: (db: DbOrTx, unitIds: number[], aboveIds: number[], from: Date, take: number) =>
    db.activity.findMany({
      where: { status: 'open', startsAt: { gt: from }, OR: [{ unitId: { in: unitIds } }, { targetUnitId: { in: [...unitIds, ...aboveIds] } }] },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take,
      include: { _count: { select: { ActivitySignup_activityId: { where: { status: 'signed' } } } } },
    }),
  /** Notices sent from, to or into these units (a delivery to one of their rooms) since `since`, newest first, with
   *  every room's delivery. */
  recentNotices: (db: DbOrTx, unitIds: number[], since: Date, take: number) =>
    db.notice.findMany({
      where: {
        createdAt: { gte: since },
        OR: [{ targetUnitId: { in: unitIds } }, { unitId: { in: unitIds } }, { deliveries: { some: { unitId: { in: unitIds } } } }],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      include: { deliveries: { orderBy: { roomId: 'asc' } } },
      take,
    }),
  /** Unsent outbox rows per bot account (the outbound backlog). */
  unsentByAccount: async (db: DbOrTx) => {
    const rows = await db.outboxMessage.groupBy({ by: ['accountId'], where: { sentAt: null }, _count: { _all: true } })
    return new Map(rows.map((r) => [r.accountId, r._count._all]))
  },
  roomsByIds: (db: DbOrTx, ids: number[]) => db.room.findMany({ where: { id: { in: ids } }, select: { id: true, topic: true, unitId: true } }),
  membersByIds: (db: DbOrTx, ids: number[]) => db.member.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
}
