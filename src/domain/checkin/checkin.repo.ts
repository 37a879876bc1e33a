// The only place with Prisma queries about check-ins and media.
import type { DbOrTx } from '../../db/client.ts'
import type { CheckinType } from '../../db/generated/enums.ts'

export interface NewCheckin {
  memberId: number
  unitId: number
  roomId: number
  type: CheckinType
  households: number | null
  note: string | null
  at: Date
  accountId: string
  messageId: string
}

export const checkinRepo = {
  create: (db: DbOrTx, data: NewCheckin) => db.checkin.create({ data }),
  countByMember: (db: DbOrTx, memberId: number, from: Date, to: Date) =>
    db.checkin.count({ where: { memberId, revokedAt: null, at: { gte: from, lt: to } } }),
  countByUnit: (db: DbOrTx, unitId: number, from: Date, to: Date) =>
    db.checkin.count({ where: { unitId, revokedAt: null, at: { gte: from, lt: to } } }),
  /** The member's latest live check-in at or after `since` (optionally in one room). */
  latestByMember: (db: DbOrTx, memberId: number, since: Date, roomId?: number) =>
    db.checkin.findFirst({ where: { memberId, revokedAt: null, at: { gte: since }, ...(roomId ? { roomId } : {}) }, orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
  revoke: (db: DbOrTx, id: number, at: Date) => db.checkin.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } }),
  attachLocation: (db: DbOrTx, id: number, loc: { latitude: number; longitude: number; address: string }) =>
    db.checkin.update({ where: { id }, data: loc }),
  /** A unit's own check-ins in a window, with who made them. */
  listForUnit: (db: DbOrTx, unitId: number, from: Date, to: Date, take: number) =>
    db.checkin.findMany({
      where: { unitId, revokedAt: null, at: { gte: from, lt: to } },
      orderBy: { at: 'asc' },
      take,
      include: { member: { select: { name: true } } },
    }),
  /** Per-unit totals for every unit under a path prefix (the subtree), in a window. */
  countsUnderPath: async (db: DbOrTx, pathPrefix: string, from: Date, to: Date) => {
    const rows = await db.checkin.groupBy({
      by: ['unitId'],
      where: { revokedAt: null, at: { gte: from, lt: to }, unit: { path: { startsWith: pathPrefix } } },
      _count: { _all: true },
      _sum: { households: true },
    })
    return rows.map((r) => ({ unitId: r.unitId, count: r._count._all, households: r._sum.households ?? 0 }))
  },
  recordMedia: (db: DbOrTx, data: { memberId: number; roomId: number; accountId: string; messageId: string; kind: string; path: string; at: Date }) =>
    db.media.create({ data }),
}
