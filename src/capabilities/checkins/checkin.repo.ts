// The only place with Prisma queries about check-ins and media.
import type { DbOrTx } from '../../db/client.ts'
import { recordOnce } from './checkin-record.repo.ts'

export type { CheckinReply, NewCheckin, RecordedCheckin } from './checkin-record.repo.ts'
import type { CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'

export const checkinRepo = {
  /**
   * The hot path in one statement: marks the message handled in the inbox, inserts the check-in, counts the member's
   * and the unit's check-ins in [from, to), and writes the confirmation to the outbox with those counts filled into
   * `reply.template` (PostgreSQL format(): %1$s mine, %2$s the unit's). Record and confirmation commit together.
   * With no reply (held back by the rate limit) none is written; with no inbox row (the surrounding unit of work
   * marked the message) it only records.
   * Returns null when the message was handled before (nothing written). The counts read the snapshot before the
   * insert, hence the + 1.
   */
  /** The hot path's one statement (checkin-record.repo.ts): record, handled mark and confirmation together. */
  recordOnce,

  countByMember: (db: DbOrTx, memberId: number, from: Date, to: Date) => db.checkin.count({ where: { memberId, revokedAt: null, at: { gte: from, lt: to } } }),
  countByUnit: (db: DbOrTx, unitId: number, from: Date, to: Date) => db.checkin.count({ where: { unitId, revokedAt: null, at: { gte: from, lt: to } } }),
  /** The member's latest live check-in at or after `since` (optionally in one room). */
  latestByMember: (db: DbOrTx, memberId: number, since: Date, roomId?: number) =>
    db.checkin.findFirst({
      where: { memberId, revokedAt: null, at: { gte: since }, ...(roomId ? { roomId } : {}) },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
    }),
  revoke: (db: DbOrTx, id: number, at: Date) => db.checkin.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } }),
  attachLocation: (db: DbOrTx, key: { id: number; at: Date }, loc: { latitude: number; longitude: number; address: string }) =>
    db.checkin.update({ where: { id_at: key }, data: loc }),
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
      by: ['unitId', 'type'],
      where: { revokedAt: null, at: { gte: from, lt: to }, unit: { path: { startsWith: pathPrefix } } },
      _count: { _all: true },
      _sum: { households: true },
    })
    return rows.map((r) => ({ unitId: r.unitId, type: r.type, count: r._count._all, households: r._sum.households ?? 0 }))
  },
  /** Check-ins another capability saw happen (an activity's attendance), once each by their own message ids. */
  recordMany: (
    db: DbOrTx,
    rows: { memberId: number; unitId: number; roomId: number; type: CheckinType; note: string; at: Date; accountId: string; messageId: string }[],
  ) => db.checkin.createMany({ data: rows, skipDuplicates: true }),
  /** Once per message: a redelivered image is not kept twice. */
  recordMedia: (
    db: DbOrTx,
    data: { memberId: number | null; wxid: string; roomId: number; accountId: string; messageId: string; kind: string; path: string; at: Date },
  ) => db.media.createMany({ data: [data], skipDuplicates: true }),
}
