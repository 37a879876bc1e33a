import type { InboundMessage } from '../core/message.ts'
import type { InboxRow } from '../domain/inbox/inbox.repo.ts'

/** A conversation is a room, or a person writing to the bot: the key messages are kept in order by. */
export const conversationOf = (m: Pick<InboundMessage, 'roomId' | 'talkerId'>) => m.roomId ?? `dm:${m.talkerId}`

/** The inbox row of a message: the message itself is the payload the sweeper re-queues. */
export const inboxRow = (m: InboundMessage): InboxRow => ({
  accountId: m.accountId,
  messageId: m.messageId,
  conversation: conversationOf(m),
  payload: m,
  receivedAt: new Date(m.receivedAt),
})
