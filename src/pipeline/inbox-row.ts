import { conversationOf, type InboundMessage, messageAtOf } from '../core/message.ts'
import { parseAck } from '../parser/ack.ts'
import { BARE_COMMANDS, MAX_COMMAND_TEXT, oversizeCommand, parseCommand } from '../parser/command.ts'
import { quotedSignUp } from '../parser/quote.ts'
import type { InboxRow } from '../domain/inbox/inbox.repo.ts'

/**
 * What the gateway keeps: commands (texts with # or / or @-ing the bot), acknowledgements of notices (收到, 1, 👌 …
 * on their own: src/parser/ack.ts), locations and images in groups. Ordinary chat never reaches the inbox or the
 * queue. The dispatcher decides the rest (member? bound room? allowed?).
 */
export function whyNotForTheBot(m: InboundMessage): 'direct' | 'oversize' | 'chat' | null {
  if (!m.roomId) return 'direct'
  if (m.kind === 'location' || m.kind === 'image' || m.kind === 'voice') return null
  if (m.kind !== 'text') return 'chat'
  // An oversize command is kept (clipped: receive.ts), so its sender hears why nothing happened.
  if (m.text.length > MAX_COMMAND_TEXT) return oversizeCommand(m.text, { mentionsSelf: m.mentionsSelf }) ? null : 'oversize'
  return parseCommand(m.text, { mentionsSelf: m.mentionsSelf, bare: BARE_COMMANDS }) || quotedSignUp(m.text) || parseAck(m.text) ? null : 'chat'
}

/** The inbox row of a message: the message itself is the payload the sweeper re-queues. */
export const inboxRow = (m: InboundMessage): InboxRow => ({
  accountId: m.accountId,
  messageId: m.messageId,
  conversation: conversationOf(m),
  payload: m,
  receivedAt: new Date(m.receivedAt),
  messageAt: messageAtOf(m),
})
