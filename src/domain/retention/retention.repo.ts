// Deleting what is only kept for a while, row by row: handled inbox rows (the ids that make a redelivered message
// count once) that landed in the inbox's DEFAULT partition (no month partition was made for them: the whole months go
// with their partition, partitions.service.ts), and the outbox's keys (OutboxKey) whose rows went with their month,
// older than the retention period. In batches, so no statement holds locks for long.
import type { DbOrTx } from '../../db/client.ts'

export const retentionRepo = {
  deleteHandledInbox: (db: DbOrTx, before: Date, limit: number) =>
    db.$executeRaw`
      DELETE FROM "InboxMessage_default" WHERE ("accountId", "messageId", "messageAt") IN (
        SELECT "accountId", "messageId", "messageAt" FROM "InboxMessage_default"
        WHERE "messageAt" < ${before} AND "handledAt" IS NOT NULL LIMIT ${limit})`,
  /** The outbox's keys whose rows are gone (dropped with their month, or sent and deleted from its DEFAULT
   *  partition), written before `before`: a key stays as long as its row, and at least the retention period. */
  deleteGoneOutboxKeys: (db: DbOrTx, before: Date, limit: number) =>
    db.$executeRaw`
      DELETE FROM "OutboxKey" WHERE "key" IN (
        SELECT k."key" FROM "OutboxKey" k
        WHERE k."createdAt" < ${before} AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."key" = k."key") LIMIT ${limit})`,
}
