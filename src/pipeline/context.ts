import type { Logger } from '../core/logger.ts'
import type { InboundMessage, OutboundMessage } from '../core/message.ts'
import type { Ack } from '../parser/ack.ts'
import type { ParsedCommand } from '../parser/command.ts'
import type { BoundRoom, MemberWithUnit } from '../kernel/org/org.types.ts'
import type { Work } from '../kernel/work.ts'
import type { AnyCommand, ReplyOptions } from './command.ts'
import type { PipelineDeps } from './deps.ts'

/** What one inbound message carries through the middleware chain (the pipeline's own; handlers get less). */
export interface MessageContext {
  msg: InboundMessage
  deps: PipelineDeps
  log: Logger
  /** The time the message is handled at, from the injected clock. */
  now: Date
  room: BoundRoom | null
  /** Null for a guest: someone in the room who is not in the org. */
  member: MemberWithUnit | null
  command: ParsedCommand | null
  /** Not a command but an acknowledgement of a notice (收到 …): routed to the acknowledgement handler. */
  ack: Ack | null
  /** The command the message resolved to (null for locations, images). */
  def: AnyCommand | null
  /** The command's arguments, parsed once by its own parser. */
  args: unknown
  /** The unit of work; inside a handler its db is the transaction that also marks the message handled. */
  work: Work
  /** Replies, written to the outbox with the record they confirm and sent after commit, never for a rolled-back one. */
  replies: { message: OutboundMessage; key: string; durable: boolean }[]
  reply(text: string, opts?: ReplyOptions): void
  /** Key and address the next reply will have. */
  nextReply(opts?: ReplyOptions): { key: string; accountId: string; roomId: string; mentionIds: string[]; urgent?: boolean }
  /** Over the rate limit: the command is handled and kept, its replies held back for one summary later. */
  quiet: boolean
  /** The message is marked handled in the inbox (by the unit of work, or by the handler's own statement). */
  marked: boolean
  /** The open unit of work marked it already: a handler's own statement must not (see DurableReply.inbox). */
  markedByWork: boolean
  /** Handled before (a redelivery: its worker died after the commit, or WeChat sent it twice). */
  duplicate: boolean
}
