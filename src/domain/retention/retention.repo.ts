// Deleting what is only kept for a while: handled inbox rows (the ids that make a redelivered message count once)
// and sent outbox rows, older than the retention period. In batches, so no statement holds locks for long.
import type { DbOrTx } from '../../db/client.ts'

export const retentionRepo = {
  deleteHandledInbox: (db: DbOrTx, before: Date, limit: number) =>
    db.$executeRaw`
      DELETE FROM "InboxMessage" WHERE ("accountId", "messageId") IN (
        SELECT "accountId", "messageId" FROM "InboxMessage" WHERE "handledAt" < ${before} LIMIT ${limit})`,
  deleteSentOutbox: (db: DbOrTx, before: Date, limit: number) =>
    db.$executeRaw`
      DELETE FROM "OutboxMessage" WHERE "key" IN (
        SELECT "key" FROM "OutboxMessage" WHERE "sentAt" < ${before} LIMIT ${limit})`,
}
