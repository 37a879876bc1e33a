// The only place with Prisma queries about the transactional outbox.
import type { DbOrTx } from '../../db/client.ts'
import { directQuery, sqlTime } from '../../db/direct-sql.ts'

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

export const outboxRepo = {
  /** Written in the transaction of the record they confirm; the same key is written once. */
  /** Whether a row with this key was written (a once-a-day hint keyed by its day). */
  has: async (db: DbOrTx, key: string) => (await db.outboxMessage.count({ where: { key } })) > 0,
  write: (db: DbOrTx, rows: OutboxRow[]) => (rows.length ? db.outboxMessage.createMany({ data: rows, skipDuplicates: true }) : Promise.resolve({ count: 0 })),
  /**
   * A row whose text counts up (`row.text` a format() template of one value): 1 when written, + 1 each time it is
   * written again under its key before it is sent. The count is the first number in the text.
   */
  writeCounting: (db: DbOrTx, row: OutboxRow) => db.$executeRaw`
    INSERT INTO "OutboxMessage" ("key", "accountId", "roomId", "text", "mentionIds", "urgent", "createdAt")
    VALUES (${row.key}, ${row.accountId}, ${row.roomId}, format(${row.text}::text, 1), ${row.mentionIds}::text[], ${row.urgent}, ${row.createdAt})
    ON CONFLICT ("key") DO UPDATE
      SET "text" = format(${row.text}::text, coalesce((regexp_match("OutboxMessage"."text", '([0-9]+)'))[1]::int, 0) + 1)
      WHERE "OutboxMessage"."sentAt" IS NULL`,
  /** Marks these rows sent (a batch from the senders: the hot path, one statement); returns the keys that were
   *  not marked before. */
  markSent: async (db: DbOrTx, keys: string[], at: Date) =>
    (
      await directQuery<{ key: string }>(
        db,
        'outbox_mark_sent',
        // A console login code (login.texts.ts) is a secret: once WeChat has it, the row keeps no usable copy.
        `UPDATE "OutboxMessage" SET "sentAt" = $2::timestamp(3),
           "text" = CASE WHEN "text" LIKE '%登录码:%' THEN regexp_replace("text", '登录码:[2-9A-Z]{4}-[2-9A-Z]{4}', '登录码:(已发送,不再保存)', 'g') ELSE "text" END
         WHERE "key" = ANY($1::text[]) AND "sentAt" IS NULL RETURNING "key"`,
        [keys, sqlTime(at)],
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
  /** Rows not yet sent whose key starts with `prefix`, due (created) in [since, before), oldest first. */
  unsentByPrefix: (db: DbOrTx, prefix: string, since: Date, before: Date) =>
    db.outboxMessage.findMany({
      where: { sentAt: null, key: { startsWith: prefix }, createdAt: { gte: since, lt: before } },
      orderBy: [{ createdAt: 'asc' }, { key: 'asc' }],
    }),
  /** Rows not yet sent, created in [since, before), oldest first. */
  unsent: (db: DbOrTx, since: Date, before: Date, take: number) =>
    db.outboxMessage.findMany({ where: { sentAt: null, createdAt: { gte: since, lt: before } }, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }], take }),
}
