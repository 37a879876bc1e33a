// The gateway's side of the durable inbox: a message that may be for the bot is a row in PostgreSQL before it is
// handed to its inbound shard (and before the transport counts it as received). If the hand-over is lost — Redis
// flushed or down, the process killed — the sweeper finds the row and hands it over again.
import type { Logger } from '../core/logger.ts'
import type { InboundMessage } from '../core/message.ts'
import type { Counters } from '../core/metrics.ts'
import type { Db } from '../db/client.ts'
import { inboxRepo } from '../domain/inbox/inbox.repo.ts'
import { inboxRow, whyNotForTheBot } from './inbox-row.ts'

export function createReceiver(d: { prisma: Db; counters: Counters; log: Logger; enqueue(msg: InboundMessage): Promise<void> }) {
  return async (msg: InboundMessage): Promise<void> => {
    const ignored = whyNotForTheBot(msg)
    if (ignored) {
      d.counters.inc(`ignored.${ignored}`)
      if (ignored === 'oversize') d.log.info({ length: msg.text.length, msgId: msg.messageId }, 'oversize text not parsed')
      return
    }
    await inboxRepo.receive(d.prisma, [inboxRow(msg)])
    try {
      await d.enqueue(msg)
    } catch (err) {
      // Kept in the inbox: the sweeper hands it over when Redis is back. Not an error for the sender to see.
      d.counters.inc('inbox.enqueue_failed')
      d.log.warn({ err, msgId: msg.messageId }, 'message kept in the inbox; its hand-over to the queue failed and will be retried')
    }
  }
}
