// The summary promised to a sender over the rate limit ("一分钟后汇总回复", issue #29 item 24b). Its outbox row is
// written with the held-back record, due when the window ends; a timer at that moment hands it to the sender's queue.
// The row is the truth: if Redis loses the timer, the sweeper sends the row (a little later) instead.
import type { Clock } from '../core/clock.ts'
import { jobId } from '../core/ids.ts'
import type { Outbox, TimerRequest } from '../core/ports.ts'
import type { DbOrTx } from '../db/client.ts'
import { fromRow } from '../kernel/outbox/outbox.service.ts'
import { outboxRepo } from '../kernel/outbox/outbox.repo.ts'

export const RATE_WINDOW_MS = 60_000
export const RATE_SUMMARY_TIMER = 'rate_summary'
/** Summaries older than this are not sent any more (the sweeper's limit for unsent replies). */
const SEND_WITHIN_MS = 3_600_000

/** The summary's outbox key: one per sender, room and window. */
export const summaryKey = (accountId: string, talkerId: string, roomId: string, window: number) => jobId('summary', accountId, talkerId, roomId, window)

export const windowOf = (at: Date) => Math.floor(at.getTime() / RATE_WINDOW_MS)
export const windowEnd = (window: number) => new Date((window + 1) * RATE_WINDOW_MS)

/** One timer per window for every sender (its job id is the window's): it sends whatever summaries are due. */
export const summaryTimer = (window: number): TimerRequest => ({ kind: RATE_SUMMARY_TIMER, subjectId: 0, cycle: window, step: 0, dueAt: windowEnd(window) })

/** The timer's handler: every unsent summary due by now goes to its account's queue (the send is keyed: once). */
export async function sendDueSummaries(d: { prisma: DbOrTx; outbox: Outbox; clock: Clock }): Promise<number> {
  const now = d.clock.now().getTime()
  const rows = await outboxRepo.unsentByPrefix(d.prisma, `${jobId('summary')}|`, new Date(now - SEND_WITHIN_MS), new Date(now + 1))
  await Promise.all(rows.map(fromRow).map((p) => d.outbox.send(p.message, p.key)))
  return rows.length
}
