import type { Logger } from '../core/logger.ts'
import type { InboundMessage, OutboundMessage } from '../core/message.ts'
import type { ParsedCommand } from '../parser/command.ts'
import type { DbOrTx } from '../db/client.ts'
import type { Member, Room, Unit } from '../db/generated/client.ts'
import type { AppDeps } from './deps.ts'
import type { Effects } from '../core/effects.ts'
import type { CommandDef } from '../commands/command.ts'

export type RoomWithUnit = Room & { unit: Unit }
export type MemberWithUnit = Member & { unit: Unit }

/** What one inbound message carries through the middleware chain. */
export interface MessageContext {
  msg: InboundMessage
  deps: AppDeps
  log: Logger
  /** The time the message is handled at, from the injected clock. */
  now: Date
  room: RoomWithUnit | null
  /** Null for a guest: someone in the room who is not in the org. */
  member: MemberWithUnit | null
  command: ParsedCommand | null
  /** The command the message resolved to (null for locations, images). */
  def: CommandDef | null
  /** The database to use: inside a handler, the transaction that also marks the message handled. */
  db: DbOrTx
  /** Replies are collected and sent after the transaction commits, never for a rolled-back one. */
  replies: OutboundMessage[]
  /** `mention` @-s the sender; `mentionIds` @-s these contact ids too. */
  reply(text: string, opts?: { mention?: boolean; mentionIds?: string[]; urgent?: boolean }): void
  /** Posts to other rooms and timers, flushed after commit like replies. */
  effects: Effects
}
