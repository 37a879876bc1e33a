// Deleting what is only kept for a while, row by row: handled inbox rows (the ids that make a redelivered message
// count once) that landed in the inbox's DEFAULT partition (no month partition was made for them: the whole months go
// with their partition, partitions.service.ts), and sent outbox rows, older than the retention period. In batches, so
// no statement holds locks for long.
import type { DbOrTx } from '../../db/client.ts'

export const retentionRepo = {
  deleteHandledInbox: (db: DbOrTx, before: Date, limit: number) =>
    db.$executeRaw`
      DELETE FROM "InboxMessage_default" WHERE ("accountId", "messageId", "messageAt") IN (
        SELECT "accountId", "messageId", "messageAt" FROM "InboxMessage_default"
        WHERE "messageAt" < ${before} AND "handledAt" IS NOT NULL LIMIT ${limit})`,
  deleteSentOutbox: (db: DbOrTx, before: Date, limit: number) =>
    db.$executeRaw`
      DELETE FROM "OutboxMessage" WHERE "key" IN (
        SELECT "key" FROM "OutboxMessage" WHERE "sentAt" < ${before} LIMIT ${limit})`,
}
