// Retention (GRIDBOT_RETENTION_DAYS, default 90): handled inbox rows and sent outbox rows older than that are deleted
// (a month at a time with its partition; one by one only from the DEFAULT partition; the outbox's keys after its rows),
// and so are the queues' finished jobs (`cleanJobs`, given by jobs/). Run by the sweeper (at most hourly per process),
// so it needs no schedule of its own that a Redis flush could erase; deleting twice is harmless. The monthly partitions
// (partitions.service.ts) are made ahead here too, and those wholly past their table's retention dropped whole.
import type { Logger } from '../../core/logger.ts'
import type { Counters } from '../../core/metrics.ts'
import type { Db } from '../../db/client.ts'
import { dropPastPartitions, ensurePartitions, retentionCutoffs } from './partitions.service.ts'
import { retentionRepo } from './retention.repo.ts'

const BATCH = 5_000
/** Batches per table per run: a large backlog is worked off over several runs. */
const MAX_BATCHES = 40

export interface RetentionDeps {
  prisma: Db
  log: Logger
  counters: Counters
  days: number
  /** Check-ins older than this many months are dropped with their month's partition; unset: kept. */
  checkinMonths?: number
  /** Deletes the queues' completed and failed jobs finished before `before`; returns how many. */
  cleanJobs(before: Date): Promise<number>
}

export interface RetentionResult {
  inbox: number
  /** Outbox keys deleted (their rows gone with their month or from the DEFAULT partition). */
  outbox: number
  jobs: number
  /** Monthly partitions dropped. */
  partitions: number
}

export async function runRetention(d: RetentionDeps, now: Date): Promise<RetentionResult> {
  const before = new Date(now.getTime() - d.days * 86_400_000)
  const drain = async (step: () => Promise<number>) => {
    let total = 0
    for (let i = 0; i < MAX_BATCHES; i++) {
      const n = await step()
      total += n
      if (n < BATCH) break
    }
    return total
  }
  const inbox = await drain(() => retentionRepo.deleteHandledInbox(d.prisma, before, BATCH))
  const jobs = await d.cleanJobs(before)
  await ensurePartitions(d, now)
  const partitions = (await dropPastPartitions(d, retentionCutoffs(now, d.days, d.checkinMonths))).length
  // The outbox's rows went with their months (and sent ones of its DEFAULT partition); then the keys they leave.
  const outbox = await drain(() => retentionRepo.deleteGoneOutboxKeys(d.prisma, before, BATCH))
  d.counters.inc('retention.inbox_deleted', inbox)
  d.counters.inc('retention.outbox_deleted', outbox)
  d.counters.inc('retention.jobs_deleted', jobs)
  if (inbox || outbox || jobs) d.log.info({ inbox, outbox, jobs, before: before.toISOString() }, 'retention: old rows and jobs deleted')
  return { inbox, outbox, jobs, partitions }
}
