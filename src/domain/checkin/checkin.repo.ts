// The only place with Prisma queries about check-ins and media.
import type { DbOrTx } from '../../db/client.ts'
import { directQuery, sqlTime } from '../../db/direct-sql.ts'
import type { CheckinType } from './checkin.types.ts'

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

export interface RecordedCheckin {
  id: number
  at: Date
  type: CheckinType
  households: number | null
  mineToday: number
  unitToday: number
  /** The confirmation as written to the outbox (null only if a row with its key existed already). */
  replyText: string | null
}

/** Where the confirmation goes, and its text with the two counts left to the statement. */
export interface CheckinReply {
  key: string
  accountId: string
  roomId: string
  mentionIds: string[]
  template: string
}

/** recordOnce's statement ($1 … $19: see its values). The counts read the snapshot before the insert, hence + 1. */
const RECORD_ONCE = `
  WITH h AS (
    INSERT INTO "InboxMessage" ("accountId", "messageId", "conversation", "payload", "receivedAt", "handledAt")
    SELECT $1::text, $2::text, $3::text, $4::jsonb, $5::timestamp(3), $5::timestamp(3) WHERE $6::boolean
    ON CONFLICT ("accountId", "messageId") DO UPDATE SET "handledAt" = EXCLUDED."handledAt" WHERE "InboxMessage"."handledAt" IS NULL
    RETURNING 1
  ), go AS (
    SELECT 1 FROM h UNION ALL SELECT 1 WHERE NOT $6::boolean
  ), c AS (
    INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "households", "note", "at", "accountId", "messageId")
    SELECT $7::int, $8::int, $9::int, $10::text::"CheckinType", $11::int, $12::text, $5::timestamp(3), $1::text, $2::text FROM go
    RETURNING "id", "type", "households"
  ), n AS (
    SELECT c."id", c."type", c."households",
      (SELECT count(*) FROM "Checkin" WHERE "memberId" = $7::int AND "revokedAt" IS NULL AND "at" >= $13::timestamp(3) AND "at" < $14::timestamp(3)) + 1 AS mine,
      (SELECT count(*) FROM "Checkin" WHERE "unitId" = $8::int AND "revokedAt" IS NULL AND "at" >= $13::timestamp(3) AND "at" < $14::timestamp(3)) + 1 AS unit
    FROM c
  ), o AS (
    INSERT INTO "OutboxMessage" ("key", "accountId", "roomId", "text", "mentionIds", "urgent", "createdAt")
    SELECT $15::text, $16::text, $17::text, format($18::text, n.mine, n.unit), $19::text[], false, $5::timestamp(3) FROM n WHERE $15::text IS NOT NULL
    ON CONFLICT ("key") DO NOTHING
    RETURNING "text"
  )
  SELECT n.*, (SELECT "text" FROM o) AS text FROM n`

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
  recordOnce: async (
    db: DbOrTx,
    c: NewCheckin,
    from: Date,
    to: Date,
    inbox: { conversation: string; payload: unknown } | null,
    reply: CheckinReply | null,
  ): Promise<RecordedCheckin | null> => {
    const rows = await directQuery<{ id: number; type: CheckinType; households: number | null; mine: bigint | string; unit: bigint | string; text: string | null }>(
      db,
      'checkin_record_once',
      RECORD_ONCE,
      [
        c.accountId,
        c.messageId,
        inbox?.conversation ?? '',
        JSON.stringify(inbox?.payload ?? {}),
        sqlTime(c.at),
        inbox !== null,
        c.memberId,
        c.unitId,
        c.roomId,
        c.type,
        c.households,
        c.note,
        sqlTime(from),
        sqlTime(to),
        reply?.key ?? null,
        reply?.accountId ?? null,
        reply?.roomId ?? null,
        reply?.template ?? '',
        reply?.mentionIds ?? [],
      ],
    )
    const r = rows[0]
    return r
      ? { id: r.id, at: c.at, type: r.type, households: r.households, mineToday: Number(r.mine), unitToday: Number(r.unit), replyText: r.text }
      : null
  },

  countByMember: (db: DbOrTx, memberId: number, from: Date, to: Date) => db.checkin.count({ where: { memberId, revokedAt: null, at: { gte: from, lt: to } } }),
  countByUnit: (db: DbOrTx, unitId: number, from: Date, to: Date) => db.checkin.count({ where: { unitId, revokedAt: null, at: { gte: from, lt: to } } }),
  /** The member's latest live check-in at or after `since` (optionally in one room). */
  latestByMember: (db: DbOrTx, memberId: number, since: Date, roomId?: number) =>
    db.checkin.findFirst({
      where: { memberId, revokedAt: null, at: { gte: since }, ...(roomId ? { roomId } : {}) },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
    }),
  revoke: (db: DbOrTx, id: number, at: Date) => db.checkin.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } }),
  attachLocation: (db: DbOrTx, id: number, loc: { latitude: number; longitude: number; address: string }) => db.checkin.update({ where: { id }, data: loc }),
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
  /** Once per message: a redelivered image is not kept twice. */
  recordMedia: (
    db: DbOrTx,
    data: { memberId: number | null; wxid: string; roomId: number; accountId: string; messageId: string; kind: string; path: string; at: Date },
  ) => db.media.createMany({ data: [data], skipDuplicates: true }),
}
