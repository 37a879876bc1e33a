// The only place with Prisma queries about the durable inbox.
import type { DbOrTx } from '../../db/client.ts'
import { directQuery, sqlTime } from '../../db/direct-sql.ts'

export interface InboxRow {
  accountId: string
  messageId: string
  conversation: string
  payload: unknown
  receivedAt: Date
  /** The message's own time: the partition key, part of the key (the same on every redelivery). */
  messageAt: Date
}

export const inboxRepo = {
  /** Received messages, durable before the gateway acknowledges them; a redelivered one is kept once. */
  receive: async (db: DbOrTx, rows: InboxRow[]): Promise<void> => {
    // The gateway's hot path: a batch in one statement, its columns as arrays.
    await directQuery(
      db,
      'inbox_receive',
      `INSERT INTO "InboxMessage" ("accountId", "messageId", "conversation", "payload", "receivedAt", "messageAt")
       SELECT a, m, c, p::jsonb, r::timestamp(3), t::timestamp(3) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(a, m, c, p, r, t)
       ON CONFLICT ("accountId", "messageId", "messageAt") DO NOTHING`,
      [
        rows.map((r) => r.accountId),
        rows.map((r) => r.messageId),
        rows.map((r) => r.conversation),
        rows.map((r) => JSON.stringify(r.payload)),
        rows.map((r) => sqlTime(r.receivedAt)),
        rows.map((r) => sqlTime(r.messageAt)),
      ],
    )
  },

  /**
   * Marks a message handled; false when it already was (a replay). Creates the row when the message did not come
   * through a gateway's inbox (dispatched directly), so the mark alone makes handling exactly-once.
   */
  markHandled: async (db: DbOrTx, r: InboxRow, at: Date): Promise<boolean> => {
    const rows = await db.$queryRaw<unknown[]>`
      INSERT INTO "InboxMessage" ("accountId", "messageId", "conversation", "payload", "receivedAt", "handledAt", "messageAt")
      VALUES (${r.accountId}, ${r.messageId}, ${r.conversation}, ${JSON.stringify(r.payload)}::jsonb, ${r.receivedAt}, ${at}, ${r.messageAt})
      ON CONFLICT ("accountId", "messageId", "messageAt") DO UPDATE SET "handledAt" = EXCLUDED."handledAt" WHERE "InboxMessage"."handledAt" IS NULL
      RETURNING 1`
    return rows.length === 1
  },

  /** Messages received but not handled, oldest first (`before`: only those received before it). */
  unhandled: (db: DbOrTx, before: Date | null, take: number) =>
    db.inboxMessage.findMany({
      where: { handledAt: null, ...(before ? { receivedAt: { lt: before } } : {}) },
      orderBy: [{ receivedAt: 'asc' }, { messageId: 'asc' }],
      take,
      select: { accountId: true, messageId: true, payload: true },
    }),
}
