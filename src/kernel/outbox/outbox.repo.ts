// The only place with Prisma queries about the transactional outbox.
import type { DbOrTx } from '../../db/client.ts'
import { directQuery, sqlTime } from '../../db/direct-sql.ts'
import { outboxTexts } from './outbox.texts.ts'
import type { ClaimLease } from './outbox-claim.repo.ts'

/** A claim's holder once its part went out. */
const SENT_PART = 'sent'

export interface OutboxRow {
  key: string
  accountId: string
  roomId: string
  text: string
  mentionIds: string[]
  urgent: boolean
  image: string | null
  file: string | null
  fileName: string | null
  createdAt: Date
}

/**
 * The rows' keys go into "OutboxKey" (one row per key, not partitioned) and only the rows whose key was new into the
 * month-partitioned "OutboxMessage", in one statement: a key written again — whenever, a month later too — writes
 * nothing (docs/operations.md, "Partitions"). Input: a JSON array of rows (the first of a key wins).
 */
const WRITE_NEW = `
  WITH r AS (
    SELECT DISTINCT ON (x.key) x.* FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (key text, "accountId" text, "roomId" text,
      text text, "mentionIds" jsonb, urgent boolean, image text, file text, "fileName" text, "createdAt" text)) WITH ORDINALITY AS x
    ORDER BY x.key, x.ordinality
  ), k AS (
    INSERT INTO "OutboxKey" ("key", "createdAt") SELECT key, "createdAt"::timestamp(3) FROM r
    ON CONFLICT ("key") DO NOTHING
    RETURNING "key"
  )
  INSERT INTO "OutboxMessage" ("key", "accountId", "roomId", "text", "mentionIds", "urgent", "image", "file", "fileName", "createdAt")
  SELECT r.key, r."accountId", r."roomId", r.text, ARRAY(SELECT jsonb_array_elements_text(r."mentionIds")), r.urgent, r.image, r.file,
    r."fileName", r."createdAt"::timestamp(3)
  FROM r JOIN k ON k."key" = r.key
  RETURNING "key"`

const asJson = (rows: OutboxRow[]) => JSON.stringify(rows.map((r) => ({ ...r, createdAt: sqlTime(r.createdAt) })))

export const outboxRepo = {
  /** Whether a row with this key was written (a once-a-day hint keyed by its day). */
  has: async (db: DbOrTx, key: string) => (await db.outboxKey.count({ where: { key } })) > 0,
  /** Written in the transaction of the record they confirm; the same key is written once (WRITE_NEW). Returns the
   *  keys written now. */
  write: async (db: DbOrTx, rows: OutboxRow[]): Promise<string[]> =>
    rows.length ? (await directQuery<{ key: string }>(db, 'outbox_write', WRITE_NEW, [asJson(rows)])).map((r) => r.key) : [],
  /**
   * A row whose text counts up (`row.text` a format() template of one value): 1 when written, + 1 each time it is
   * written again under its key before it is sent. The count is the first number in the text. Two statements: the
   * second (a key written before) sees the row even when another transaction wrote it just now.
   */
  writeCounting: async (db: DbOrTx, row: OutboxRow) => {
    const first = { ...row, text: formatOne(row.text, 1) }
    if ((await outboxRepo.write(db, [first])).length) return
    await db.$executeRaw`
      UPDATE "OutboxMessage" SET "text" = format(${row.text}::text, coalesce((regexp_match("text", '([0-9]+)'))[1]::int, 0) + 1)
      WHERE "key" = ${row.key} AND "sentAt" IS NULL`
  },
  /** Marks these rows sent (a batch from the senders: the hot path, one statement); returns the keys that were
   *  not marked before. */
  markSent: async (db: DbOrTx, keys: string[], at: Date) =>
    (
      await directQuery<{ key: string }>(
        db,
        'outbox_mark_sent',
        // A console login code (login.texts.ts) is a secret: once WeChat has it, the row keeps no usable copy.
        `UPDATE "OutboxMessage" SET "sentAt" = $2::timestamp(3),
           "text" = CASE WHEN strpos("text", $3) > 0 THEN regexp_replace("text", $4, $5, 'g') ELSE "text" END
         WHERE "key" = ANY($1::text[]) AND "sentAt" IS NULL RETURNING "key"`,
        [keys, sqlTime(at), outboxTexts.loginCodeLabel, outboxTexts.loginCodePattern, outboxTexts.loginCodeGone],
      )
    ).map((r) => r.key),
  markFailed: (db: DbOrTx, key: string, reason: string, at: Date) =>
    db.outboxMessage.updateMany({ where: { key, sentAt: null }, data: { failedAt: at, failReason: reason.slice(0, 300) } }),
  /** Posts whose send gave up and that were not sent since, oldest first. */
  failed: (db: DbOrTx, take: number) =>
    db.outboxMessage.findMany({ where: { sentAt: null, failedAt: { not: null } }, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }], take }),
  /** Failed posts chosen for a retry (all, or these keys): their failure is cleared and they are returned. */
  takeFailed: async (db: DbOrTx, keys: string[] | null) => {
    const where = { sentAt: null, failedAt: { not: null }, ...(keys ? { key: { in: keys } } : {}) }
    const rows = await db.outboxMessage.findMany({ where, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] })
    await db.outboxMessage.updateMany({ where: { key: { in: rows.map((r) => r.key) } }, data: { failedAt: null, failReason: null } })
    return rows
  },
  /** Of these keys, the rows not yet sent, written since `since` (its months' partitions only), in key order. */
  unsentOf: (db: DbOrTx, keys: string[], since: Date) =>
    db.outboxMessage.findMany({ where: { key: { in: keys }, sentAt: null, createdAt: { gte: since } }, orderBy: { key: 'asc' } }),
  /** Rows not yet sent whose key starts with `prefix`, due (created) in [since, before), oldest first. */
  unsentByPrefix: (db: DbOrTx, prefix: string, since: Date, before: Date) =>
    db.outboxMessage.findMany({
      where: { sentAt: null, key: { startsWith: prefix }, createdAt: { gte: since, lt: before } },
      orderBy: [{ createdAt: 'asc' }, { key: 'asc' }],
    }),
  /** Rows not yet sent, created in [since, before), oldest first; not those a sender holds a live claim on (being
   *  sent now: claimed at or after `liveSince`). */
  unsent: (db: DbOrTx, since: Date, before: Date, take: number, liveSince: Date) =>
    db.outboxMessage
      .findMany({ where: { sentAt: null, createdAt: { gte: since, lt: before } }, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }], take })
      .then(async (rows) => {
        if (!rows.length) return rows
        const live = await db.outboxClaim.findMany({
          where: { key: { in: rows.map((r) => r.key) }, at: { gte: liveSince }, holder: { not: SENT_PART } },
          select: { key: true },
        })
        const held = new Set(live.map((c) => c.key))
        return rows.filter((r) => !held.has(r.key))
      }),
  /**
   * Claims these parts (a send job's id, with its row's key) for `holder`, just before sending them: a part is
   * claimed unless its row is marked sent or another claim on it is live (taken at or after `liveSince`, or its part
   * already sent). One statement; returns the parts claimed.
   */
  claim: async (db: DbOrTx, parts: { part: string; key: string }[], holder: string, at: Date, liveSince: Date, lease: ClaimLease | null = null) =>
    (
      await directQuery<{ part: string }>(
        db,
        'outbox_claim',
        `INSERT INTO "OutboxClaim" ("part", "key", "holder", "at", "account", "lease")
         SELECT p.part, p.key, $3, $4::timestamp(3), $6, $7 FROM unnest($1::text[], $2::text[]) AS p(part, key)
         WHERE NOT EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."key" = p.key AND o."sentAt" IS NOT NULL)
         ON CONFLICT ("part") DO UPDATE SET "holder" = EXCLUDED."holder", "at" = EXCLUDED."at", "account" = EXCLUDED."account", "lease" = EXCLUDED."lease"
           WHERE "OutboxClaim"."at" < $5::timestamp(3) AND "OutboxClaim"."holder" <> '${SENT_PART}'
         RETURNING "part"`,
        [parts.map((p) => p.part), parts.map((p) => p.key), holder, sqlTime(at), sqlTime(liveSince), lease?.account ?? null, lease?.value ?? null],
      )
    ).map((r) => r.part),
  /** A send that failed: its claims let go, so a retry (or another sender) may take the parts at once. */
  release: (db: DbOrTx, parts: string[], holder: string) =>
    directQuery(db, 'outbox_release', `DELETE FROM "OutboxClaim" WHERE "part" = ANY($1::text[]) AND "holder" = $2`, [parts, holder]),
  /** A part of a long row went out (its row is marked sent with its last part): never claimed again. */
  partSent: (db: DbOrTx, parts: string[], holder: string) =>
    directQuery(db, 'outbox_part_sent', `UPDATE "OutboxClaim" SET "holder" = '${SENT_PART}' WHERE "part" = ANY($1::text[]) AND "holder" = $2`, [parts, holder]),
  /** Claims older than this are no use any more (their rows are sent, or too old to be sent again). */
  dropClaims: (db: DbOrTx, before: Date) => db.outboxClaim.deleteMany({ where: { at: { lt: before } } }),
}

/** PostgreSQL's format() of a sqlTemplate with one value (%1$s, %%). */
const formatOne = (template: string, n: number) => template.replace(/%(%|1\$s)/g, (_, g: string) => (g === '%' ? '%' : String(n)))
