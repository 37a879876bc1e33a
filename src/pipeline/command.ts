// What a command declares, and the narrowed context its handler gets. The pipeline parses the arguments once,
// checks what the command needs (a bound room, a known member, a role), and only then calls the handler with
// non-null room, member and arguments. Concrete commands live in commands/ and are handed to the dispatcher.
import type { Logger } from '../core/logger.ts'
import type { MediaCause, MessageOrigin, OutboundMessage } from '../core/message.ts'
import type { MediaStore, SendPace, TimerRequest } from '../core/ports.ts'
import type { BoundRoom, MemberWithUnit, Role } from '../kernel/org/org.types.ts'
import type { Work } from '../kernel/work.ts'
import type { DbOrTx } from '../db/client.ts'

export interface ReplyOptions {
  /** @ the sender. */
  mention?: boolean
  /** @ these contact ids too. */
  mentionIds?: string[]
  urgent?: boolean
}

/** The message a handler runs for: who said it where (stable ids), and whom it @-ed. */
export interface CommandMessage extends MessageOrigin {
  roomId: string
  mentionIds: string[]
}

interface BaseContext<A> {
  msg: CommandMessage
  args: A
  /** The time the message is handled at, from the injected clock. */
  now: Date
  log: Logger
  /** The unit of work: services take it; its replies, posts and timers are released only after commit. */
  work: Work
  reply(text: string, opts?: ReplyOptions): void
  post(message: OutboundMessage, key: string): void
  schedule(timer: TimerRequest): void
  /** For a handler whose one statement marks the message handled and writes its own reply (recordsItself). */
  durable: DurableReply
  /** How fast a bot account posts (the accounts the org file gives no pace of): what fan-out plans estimate with. */
  pace: SendPace
  /** Where a file the command makes is kept (the sender reads it back to post it). */
  media: MediaStore
}

export interface DurableReply {
  /** The inbox row of this message, for the statement that marks it handled; null when the surrounding unit of
   *  work marked it already (the statement then just records). */
  inbox: { conversation: string; payload: unknown; messageAt?: Date } | null
  /** Key and address of the command's first reply, for the statement that writes it to the outbox; null when the
   *  reply is held back (over the rate limit), so the statement writes none. */
  address(opts?: ReplyOptions): { key: string; accountId: string; roomId: string; mentionIds: string[] } | null
  /** That reply was written with this text by the handler's statement: it only needs sending. */
  written(text: string, opts?: ReplyOptions): void
}

/** A member's command in a bound room: everything non-null. */
export interface CommandContext<A> extends BaseContext<A> {
  room: BoundRoom
  member: MemberWithUnit
}

/** A command guests may use too: the member may be unknown. */
export interface GuestContext<A> extends BaseContext<A> {
  room: BoundRoom
  member: MemberWithUnit | null
}

/** A command that must work before the room is bound (only #绑定): the room may be unknown. */
export interface UnboundContext<A> extends BaseContext<A> {
  room: BoundRoom | null
  member: MemberWithUnit
  /** Forget cached rooms and members after commit (this command changed the org). */
  orgChanged(): void
}

/** `parse` returns the arguments, or a problem (answered with the command's example, or with the problem's own when
 *  the command's would contradict it). Pure: no I/O; `now` is the time the message is handled at (relative
 *  deadlines read against it). */
export type ParseResult<A> = { ok: true; args: A } | { ok: false; problem: string; example?: string }

interface CommandMeta<A> {
  /** The Chinese keyword users type first. */
  name: string
  /** Other Chinese words and the English alias. */
  aliases: string[]
  summary: string
  usage: string
  /** One correct example, shown with every usage error. */
  example: string
  /** Roles allowed; absent = every member. */
  roles?: Role[]
  parse(argv: string[], text: string, now: Date): ParseResult<A>
  /**
   * Hot path: for these arguments the handler's single SQL statement records the message as handled itself
   * (and throws DuplicateMessage when it already was), so no surrounding transaction is opened.
   */
  recordsItself?(args: A): boolean
}

export type CommandDef<A = unknown> =
  | (CommandMeta<A> & { access: 'member'; run(ctx: CommandContext<A>): Promise<void> })
  | (CommandMeta<A> & { access: 'guest'; run(ctx: GuestContext<A>): Promise<void> })
  | (CommandMeta<A> & { access: 'unbound-room'; run(ctx: UnboundContext<A>): Promise<void> })

/** Any command, whatever its arguments: how a set of them is held (each is typed by its own when defined). */
// Arguments differ per command; each def is checked where it is written (its methods take them bivariantly).
export type AnyCommand = CommandDef<unknown>

/** A location or image in a bound room (a resident's too): not a command, but it may belong to what its sender
 *  just reported. */
export type AttachmentHandler = (
  ctx: GuestContext<{
    kind: 'location' | 'image'
    location?: { latitude: number; longitude: number; address: string }
    mediaRef?: string
    mediaMissing?: MediaCause
  }>,
) => Promise<void>

/** An acknowledgement of a notice in a bound room (收到, 1, 👌 …, or "收到 B5"): plain chat, not a command. The member
 *  may be unknown (a guest's 收到 reaches the handler, which does not count it). */
export type AcknowledgementHandler = (ctx: GuestContext<{ number: number | null; note: string | null }>) => Promise<void>

/** A voice message in a bound room: not understood; a member may get a hint to type instead. */
export type VoiceHandler = (ctx: GuestContext<null>) => Promise<void>

/** Everything the dispatcher routes to: handed in by the composition root, so pipeline/ imports no command. */
export interface CommandSet {
  find(word: string): AnyCommand | undefined
  /** Words to suggest for a typo (Chinese names first). */
  words(): string[]
  attachment: AttachmentHandler
  acknowledgement: AcknowledgementHandler
  /** A hint for a sender not yet linked whose display name may be theirs (registration declares it), or null. */
  guestHint(db: DbOrTx, room: BoundRoom, displayName: string, talkerId?: string): Promise<string | null>
  voice: VoiceHandler
}

export const ok = <A>(args: A): ParseResult<A> => ({ ok: true, args })
export const problem = (text: string, example?: string): ParseResult<never> => (example ? { ok: false, problem: text, example } : { ok: false, problem: text })
/** For commands that take their words as they come. */
export const argvAsIs = (argv: string[], text: string): ParseResult<{ argv: string[]; text: string }> => ok({ argv, text })
