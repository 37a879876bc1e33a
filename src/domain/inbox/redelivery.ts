// The sweeper of the durable inbox and outbox: PostgreSQL says what was received but not handled, and what was
// written but not sent; Redis may have lost the jobs (a flush, a crash between commit and hand-over). Normally only
// rows older than a minute are looked at; after a flush, every one of them at once.
import type { Clock } from '../../core/clock.ts'
import type { Logger } from '../../core/logger.ts'
import type { InboundMessage } from '../../core/message.ts'
import type { Counters } from '../../core/metrics.ts'
import type { DbOrTx } from '../../db/client.ts'
import { CLAIM_MS, fromRow, type Keyed } from '../../kernel/outbox/outbox.service.ts'
import { outboxRepo } from '../../kernel/outbox/outbox.repo.ts'
import { inboxRepo } from './inbox.repo.ts'

/** Unsent replies older than this are not sent any more (a confirmation an hour late confuses more than it helps). */
export const RESEND_WITHIN_MS = 3_600_000
/** Rows one sweep takes (the next sweep, a minute later, takes what is left). */
const BATCH = 10_000

export interface RedeliveryDeps {
  prisma: DbOrTx
  clock: Clock
  log: Logger
  counters: Counters
  /** Hands an unsent reply to its account's queue again (replacing a send job that gave up). */
  resend(message: Keyed['message'], key: string): Promise<void>
  /** Hands a message to its inbound shard again (a job Redis still has waiting is not doubled). */
  requeue(msg: InboundMessage): Promise<void>
  /** A message unhandled, or a reply unsent, this long has lost its job (GRIDBOT_REDELIVER_AFTER_MS). */
  afterMs: number
}

export async function redeliver(d: RedeliveryDeps, full: boolean): Promise<{ requeued: number; resent: number }> {
  const now = d.clock.now().getTime()
  const late = new Date(now - (full ? 0 : d.afterMs))
  // Oldest first, one after another, so a conversation's messages go back in the order they came.
  const rows = await inboxRepo.unhandled(d.prisma, full ? null : late, BATCH)
  for (const r of rows) await d.requeue(r.payload as unknown as InboundMessage)
  const requeued = rows.length
  // A row a sender holds a live claim on is being sent right now: not handed over again.
  const unsent = await outboxRepo.unsent(d.prisma, new Date(now - RESEND_WITHIN_MS), late, BATCH, new Date(now - CLAIM_MS))
  await outboxRepo.dropClaims(d.prisma, new Date(now - 2 * RESEND_WITHIN_MS))
  await Promise.all(unsent.map((r) => fromRow(r)).map((p) => d.resend(p.message, p.key)))
  if (requeued || unsent.length) {
    d.counters.inc('redelivery.requeued', requeued)
    d.counters.inc('redelivery.resent', unsent.length)
    d.log.warn({ requeued, resent: unsent.length, full }, 'sweeper handed unhandled messages and unsent replies to the queues again')
  }
  return { requeued, resent: unsent.length }
}
