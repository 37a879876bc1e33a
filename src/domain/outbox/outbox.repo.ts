// The only place with Prisma queries about the transactional outbox.
import type { DbOrTx } from '../../db/client.ts'

export interface OutboxRow {
  key: string
  accountId: string
  roomId: string
  text: string
  mentionIds: string[]
  urgent: boolean
  createdAt: Date
}

export const outboxRepo = {
  /** Written in the transaction of the record they confirm; the same key is written once. */
  write: (db: DbOrTx, rows: OutboxRow[]) => (rows.length ? db.outboxMessage.createMany({ data: rows, skipDuplicates: true }) : Promise.resolve({ count: 0 })),
  /** A row written again with newer text (a summary that grows), unless it was sent already. */
  upsert: (db: DbOrTx, row: OutboxRow) => db.outboxMessage.upsert({ where: { key: row.key }, create: row, update: { text: row.text } }),
  markSent: (db: DbOrTx, key: string, at: Date) => db.outboxMessage.updateMany({ where: { key, sentAt: null }, data: { sentAt: at } }),
  /** Rows not yet sent, created in [since, before), oldest first. */
  unsent: (db: DbOrTx, since: Date, before: Date, take: number) =>
    db.outboxMessage.findMany({ where: { sentAt: null, createdAt: { gte: since, lt: before } }, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }], take }),
}
