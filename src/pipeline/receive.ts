// The gateway's side of the durable inbox: a message that may be for the bot is a row in PostgreSQL before it is
// handed to its inbound shard (and before the transport counts it as received). If the hand-over is lost — Redis
// flushed or down, the process killed — the sweeper finds the row and hands it over again.
import type { Logger } from '../core/logger.ts'
import type { InboundMessage } from '../core/message.ts'
import type { Counters } from '../core/metrics.ts'
import type { Db } from '../db/client.ts'
import { Batcher } from '../core/batcher.ts'
import { inboxRepo, type InboxRow } from '../domain/inbox/inbox.repo.ts'
import { inboxRow, whyNotForTheBot } from './inbox-row.ts'
import { clipOversize } from '../parser/command.ts'

/** How long a gateway keeps trying to write a message to the inbox while PostgreSQL is away (a restart, a failover);
 *  the workers wait as long for it (jobs/inbound.ts), so a message handed over without its row is still handled. */
const KEEP_TRYING_MS = 10 * 60_000

export function createReceiver(d: { prisma: Db; counters: Counters; log: Logger; enqueue(msg: InboundMessage): Promise<void> }) {
  // Messages arriving together are written in one statement (one commit), each still waiting for its own row.
  const rows = new Batcher<InboxRow>((batch) => inboxRepo.receive(d.prisma, batch), { maxItems: 200, waitMs: 2 })
  /** The inbox row, written with retries; after that the message still goes to the queue (its worker writes the row). */
  const keep = async (msg: InboundMessage) => {
    const until = Date.now() + KEEP_TRYING_MS
    for (let wait = 100; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        await rows.add(inboxRow(msg))
        return
      } catch (err) {
        if (Date.now() + wait > until) {
          d.counters.inc('inbox.write_failed')
          d.counters.metrics.inboundDropped.inc({ reason: 'inbox_write_failed' })
          d.log.error({ err, msgId: msg.messageId }, 'message could not be kept in the inbox; handed to the queue without it')
          return
        }
        d.log.warn({ err: (err as Error).message, msgId: msg.messageId, retryInMs: wait }, 'inbox write failed; retrying')
        await new Promise((r) => setTimeout(r, wait))
      }
    }
  }
  return async (received: InboundMessage): Promise<void> => {
    d.counters.metrics.messagesIn.inc({ account: received.accountId })
    if (received.mediaMissing) d.counters.metrics.mediaMissing.inc({ account: received.accountId, cause: received.mediaMissing })
    const ignored = whyNotForTheBot(received)
    const msg = received.kind === 'text' ? { ...received, text: clipOversize(received.text) } : received
    if (ignored) {
      d.counters.inc(`ignored.${ignored}`)
      if (ignored !== 'chat') d.counters.metrics.inboundDropped.inc({ reason: ignored })
      if (ignored === 'oversize') d.log.info({ length: received.text.length, msgId: received.messageId }, 'oversize text not parsed')
      return
    }
    await keep(msg)
    try {
      await d.enqueue(msg)
    } catch (err) {
      // Kept in the inbox: the sweeper hands it over when Redis is back. Not an error for the sender to see.
      d.counters.inc('inbox.enqueue_failed')
      d.log.warn({ err, msgId: msg.messageId }, 'message kept in the inbox; its hand-over to the queue failed and will be retried')
    }
  }
}
