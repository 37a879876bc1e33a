// Monthly partitions kept ahead and dropped behind. Run with retention (by the sweeper, at most hourly per process,
// so no schedule a Redis flush could erase) and once at start: this month's and the next MONTHS_AHEAD months'
// partitions exist before a row needs them. Should it not run, rows still land in the table's DEFAULT partition, and
// move into their month when its partition is made. Dropping, with the retention period (GRIDBOT_RETENTION_DAYS):
// account events, handled inbox rows (unhandled ones are kept) and sent outbox rows (unsent and failed ones are kept);
// check-ins only when GRIDBOT_CHECKIN_RETENTION_MONTHS is set (they are the record); the points ledger never.
import type { Logger } from '../../core/logger.ts'
import type { Counters } from '../../core/metrics.ts'
import type { Db } from '../../db/client.ts'
import { PARTITIONED_TABLES, type PartitionedTable, partitionsRepo } from './partitions.repo.ts'

/** Months made ahead of the current one. */
export const MONTHS_AHEAD = 2

/** The first instant (UTC) of the month `offset` months from `at`'s. */
export const monthStart = (at: Date, offset = 0): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1))

export async function ensurePartitions(d: { prisma: Db; log: Logger; counters: Counters }, now: Date): Promise<string[]> {
  const made: string[] = []
  for (const table of PARTITIONED_TABLES) {
    for (let i = 0; i <= MONTHS_AHEAD; i++) {
      const name = await partitionsRepo.ensureMonth(d.prisma, table, monthStart(now, i))
      if (name) made.push(name)
    }
  }
  d.counters.inc('partitions.created', made.length)
  if (made.length) d.log.info({ partitions: made }, 'partitions: months created ahead')
  return made
}

/** The cut-off per table: rows before it are past retention (none for a table kept for ever). */
export function retentionCutoffs(now: Date, days: number, checkinMonths: number | undefined): Partial<Record<PartitionedTable, Date>> {
  const before = new Date(now.getTime() - days * 86_400_000)
  return {
    AccountEvent: before,
    InboxMessage: before,
    OutboxMessage: before,
    ...(checkinMonths ? { Checkin: monthStart(now, -checkinMonths) } : {}),
  }
}

/** Drops the partitions wholly before each table's cut-off; returns their names. */
export async function dropPastPartitions(
  d: { prisma: Db; log: Logger; counters: Counters },
  cutoffs: Partial<Record<PartitionedTable, Date>>,
): Promise<string[]> {
  const dropped: string[] = []
  for (const table of PARTITIONED_TABLES) {
    const before = cutoffs[table]
    if (before) dropped.push(...(await partitionsRepo.dropBefore(d.prisma, table, before)))
  }
  d.counters.inc('retention.partitions_dropped', dropped.length)
  if (dropped.length) d.log.info({ partitions: dropped }, 'retention: partitions wholly past dropped')
  return dropped
}
