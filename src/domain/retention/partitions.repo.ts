// The monthly partitions of the append-only tables (migration …_monthly_partitions): creating a month's partition
// and dropping wholly past ones, through the SQL functions that migration defines.
import type { DbOrTx } from '../../db/client.ts'

/** The tables range-partitioned by month ("at"; the inbox on "messageAt", the outbox on "createdAt"). The points
 *  ledger is never dropped (no cut-off in retentionCutoffs). */
export const PARTITIONED_TABLES = ['Checkin', 'AccountEvent', 'InboxMessage', 'OutboxMessage', 'PointsEntry'] as const
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number]

/** Rows a dropped month keeps (work not finished): they move into the table's DEFAULT partition first. */
const KEEP: Partial<Record<PartitionedTable, string>> = { InboxMessage: '"handledAt" IS NULL', OutboxMessage: '"sentAt" IS NULL' }

export const partitionsRepo = {
  /** Creates the table's partition for the UTC month containing `month`; its name, or null when it existed. */
  ensureMonth: async (db: DbOrTx, table: PartitionedTable, month: Date): Promise<string | null> => {
    const rows = await db.$queryRaw<{ name: string | null }[]>`SELECT gridbot_month_partition(${table}, ${month}::date) AS name`
    return rows[0]?.name ?? null
  },
  /** Drops the table's monthly partitions that end on or before `before` (and older rows of its DEFAULT partition),
   *  all but the rows it keeps (KEEP). */
  dropBefore: async (db: DbOrTx, table: PartitionedTable, before: Date): Promise<string[]> => {
    const keep = KEEP[table]
    const rows = keep
      ? await db.$queryRaw<{ name: string }[]>`SELECT gridbot_drop_month_partitions_keeping(${table}, ${before}::timestamp, ${keep}) AS name`
      : await db.$queryRaw<{ name: string }[]>`SELECT gridbot_drop_month_partitions(${table}, ${before}::timestamp) AS name`
    return rows.map((r) => r.name)
  },
  /** The table's partitions, by name (the DEFAULT one included). */
  list: async (db: DbOrTx, table: PartitionedTable): Promise<string[]> => {
    const rows = await db.$queryRaw<{ name: string }[]>`
      SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = format('%I', ${table}::text)::regclass ORDER BY 1`
    return rows.map((r) => r.name)
  },
}
