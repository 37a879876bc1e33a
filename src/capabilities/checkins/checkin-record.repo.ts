// The check-in hot path's statement: marks the message handled in the inbox, inserts the check-in, counts the
// member's and the unit's check-ins of the day, and writes the confirmation to the outbox with those counts (its key
// into "OutboxKey" first, so it is written once: outbox.repo.ts) — record and confirmation commit together. Outside a
// transaction, check-ins of different groups that arrive while one is being written go together as one statement
// (db/group-commit.ts): one commit and one WAL flush for many.
import type { DbOrTx } from '../../db/client.ts'
import { directGroup, directQuery, sqlTime } from '../../db/direct-sql.ts'
import { isTransientDbError } from '../../db/errors.ts'
import { ItemFailure } from '../../db/group-commit.ts'
import type { CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'

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

interface Input {
  c: NewCheckin
  from: Date
  to: Date
  inbox: { conversation: string; payload: unknown; messageAt?: Date } | null
  reply: CheckinReply | null
}

type Row = { id: number; type: CheckinType; households: number | null; mine: bigint | string; unit: bigint | string; text: string | null }

/** One check-in ($1 … $20: see `values`). The counts read the snapshot before the insert, hence + 1. */
const RECORD_ONCE = `
  WITH h AS (
    INSERT INTO "InboxMessage" ("accountId", "messageId", "conversation", "payload", "receivedAt", "handledAt", "messageAt")
    SELECT $1::text, $2::text, $3::text, $4::jsonb, $5::timestamp(3), $5::timestamp(3), $20::timestamp(3) WHERE $6::boolean
    ON CONFLICT ("accountId", "messageId", "messageAt") DO UPDATE SET "handledAt" = EXCLUDED."handledAt" WHERE "InboxMessage"."handledAt" IS NULL
    RETURNING 1
  ), go AS (
    SELECT 1 FROM h UNION ALL SELECT 1 WHERE NOT $6::boolean
  ), c AS (
    INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "households", "note", "at", "accountId", "messageId")
    SELECT $7::int, $8::int, $9::int, $10::text, $11::int, $12::text, $5::timestamp(3), $1::text, $2::text FROM go
    RETURNING "id", "type", "households"
  ), n AS (
    SELECT c."id", c."type", c."households",
      (SELECT count(*) FROM "Checkin" WHERE "memberId" = $7::int AND "revokedAt" IS NULL AND "at" >= $13::timestamp(3) AND "at" < $14::timestamp(3)) + 1 AS mine,
      (SELECT count(*) FROM "Checkin" WHERE "unitId" = $8::int AND "revokedAt" IS NULL AND "at" >= $13::timestamp(3) AND "at" < $14::timestamp(3)) + 1 AS unit
    FROM c
  ), ok AS (
    INSERT INTO "OutboxKey" ("key", "createdAt") SELECT $15::text, $5::timestamp(3) FROM n WHERE $15::text IS NOT NULL
    ON CONFLICT ("key") DO NOTHING
    RETURNING "key"
  ), o AS (
    INSERT INTO "OutboxMessage" ("key", "accountId", "roomId", "text", "mentionIds", "urgent", "createdAt")
    SELECT $15::text, $16::text, $17::text, format($18::text, n.mine, n.unit), $19::text[], false, $5::timestamp(3) FROM n, ok
    RETURNING "text"
  )
  SELECT n.*, (SELECT "text" FROM o) AS text FROM n`

/**
 * Several check-ins, the same columns as arrays ($1 … $20, `ord` their order). Each row counts the snapshot before
 * the statement plus the rows of the batch up to itself for the same member (or unit) and day: the number a row
 * would have got had the batch been written one after another, in order.
 */
const RECORD_MANY = `
  WITH i AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::int[], $8::int[], $9::int[], $10::text[],
      $11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[])
      WITH ORDINALITY AS t(account, msgid, conv, payload, at, has_inbox, member, unit, room, type, households, note, dfrom, dto, key, raccount, rroom, template, mentions, msgat, ord)
  ), h AS (
    INSERT INTO "InboxMessage" ("accountId", "messageId", "conversation", "payload", "receivedAt", "handledAt", "messageAt")
    SELECT account, msgid, conv, payload::jsonb, at::timestamp(3), at::timestamp(3), msgat::timestamp(3) FROM i WHERE has_inbox
    ON CONFLICT ("accountId", "messageId", "messageAt") DO UPDATE SET "handledAt" = EXCLUDED."handledAt" WHERE "InboxMessage"."handledAt" IS NULL
    RETURNING "accountId", "messageId"
  ), go AS (
    SELECT i.* FROM i WHERE NOT i.has_inbox OR EXISTS (SELECT 1 FROM h WHERE h."accountId" = i.account AND h."messageId" = i.msgid)
  ), c AS (
    INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "households", "note", "at", "accountId", "messageId")
    SELECT member, unit, room, type::text, households, note, at::timestamp(3), account, msgid FROM go ORDER BY ord
    RETURNING "id", "accountId", "messageId", "type", "households"
  ), n AS (
    SELECT go.ord, go.key, go.raccount, go.rroom, go.template, go.mentions, go.at, c."id", c."type", c."households",
      (SELECT count(*) FROM "Checkin" x WHERE x."memberId" = go.member AND x."revokedAt" IS NULL AND x."at" >= go.dfrom::timestamp(3) AND x."at" < go.dto::timestamp(3))
        + row_number() OVER (PARTITION BY go.member, go.dfrom ORDER BY go.ord) AS mine,
      (SELECT count(*) FROM "Checkin" x WHERE x."unitId" = go.unit AND x."revokedAt" IS NULL AND x."at" >= go.dfrom::timestamp(3) AND x."at" < go.dto::timestamp(3))
        + row_number() OVER (PARTITION BY go.unit, go.dfrom ORDER BY go.ord) AS unit
    FROM go JOIN c ON c."accountId" = go.account AND c."messageId" = go.msgid
  ), ok AS (
    INSERT INTO "OutboxKey" ("key", "createdAt") SELECT key, at::timestamp(3) FROM n WHERE key IS NOT NULL
    ON CONFLICT ("key") DO NOTHING
    RETURNING "key"
  ), o AS (
    INSERT INTO "OutboxMessage" ("key", "accountId", "roomId", "text", "mentionIds", "urgent", "createdAt")
    SELECT n.key, raccount, rroom, format(template, mine, unit), ARRAY(SELECT jsonb_array_elements_text(mentions::jsonb)), false, at::timestamp(3)
    FROM n JOIN ok ON ok."key" = n.key
    RETURNING "key", "text"
  )
  SELECT n.ord, n."id", n."type", n."households", n.mine, n.unit, o."text" FROM n LEFT JOIN o ON o."key" = n.key`

const values = ({ c, from, to, inbox, reply }: Input) => [
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
  sqlTime(inbox?.messageAt ?? c.at),
]

const recorded = (r: Row | undefined, c: NewCheckin): RecordedCheckin | null =>
  r ? { id: r.id, at: c.at, type: r.type, households: r.households, mineToday: Number(r.mine), unitToday: Number(r.unit), replyText: r.text } : null

/** One check-in, one statement (also what bench/pg-ceiling.ts compares the group commit with). */
export async function one(db: DbOrTx, input: Input): Promise<RecordedCheckin | null> {
  const rows = await directQuery<Row>(db, 'checkin_record_once', RECORD_ONCE, values(input))
  return recorded(rows[0], input.c)
}

/** A batch in one statement; a batch that fails for one of its rows is written again row by row, so only that
 *  row's caller hears of it. The same message twice in a batch (a redelivery racing itself) goes row by row too. */
async function many(db: DbOrTx, items: Input[]): Promise<(RecordedCheckin | null | ItemFailure)[]> {
  const keys = new Set(items.map((i) => `${i.c.accountId}\u0000${i.c.messageId}`))
  if (items.length > 1 && keys.size === items.length) {
    try {
      const cols = items.map(values)
      const arrays = (cols[0] ?? []).map((_, k) => cols.map((row) => (k === 18 ? JSON.stringify(row[k]) : row[k])))
      const rows = await directQuery<Row & { ord: string | number }>(db, 'checkin_record_many', RECORD_MANY, arrays)
      const byOrd = new Map(rows.map((r) => [Number(r.ord), r]))
      return items.map((it, i) => recorded(byOrd.get(i + 1), it.c))
    } catch (e) {
      if (isTransientDbError(e)) throw e
    }
  }
  const out: (RecordedCheckin | null | ItemFailure)[] = []
  for (const it of items) out.push(await one(db, it).catch((e: unknown) => new ItemFailure(e)))
  return out
}

/**
 * Records a check-in with its handled mark and confirmation (`reply.template`: PostgreSQL format(), %1$s mine,
 * %2$s the unit's). With no reply (held back by the rate limit) none is written; with no inbox row (the surrounding
 * unit of work marked the message) it only records. Null when the message was handled before (nothing written).
 */
export async function recordOnce(
  db: DbOrTx,
  c: NewCheckin,
  from: Date,
  to: Date,
  inbox: { conversation: string; payload: unknown; messageAt?: Date } | null,
  reply: CheckinReply | null,
): Promise<RecordedCheckin | null> {
  const input = { c, from, to, inbox, reply }
  const group = directGroup<Input, RecordedCheckin | null>(db, 'checkin_record', (items) => many(db, items))
  return group ? group.add(input) : one(db, input)
}
