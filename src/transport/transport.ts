import type { InboundMessage, MessageOrigin } from '../core/message.ts'

/** What the rest of gridbot knows of a chat network: start, stop, receive, send. Nothing else. */
export interface ChatTransport {
  readonly accountId: string
  start(onMessage: (msg: InboundMessage) => Promise<void>): Promise<void>
  stop(): Promise<void>
  /** Posts `text` in a room, @-ing `mentionIds` (stable contact ids). */
  say(roomId: string, text: string, mentionIds: string[]): Promise<void>
  /** Posts an image kept in the media store (forwarding a report's photos). */
  sendImage(roomId: string, ref: string): Promise<void>
  /** Posts a file kept in the media store as a file message named `fileName` (a 台账 .xlsx). */
  sendFile(roomId: string, ref: string, fileName: string): Promise<void>
  /** Where this account's link stands now (readiness, metrics, alerts and the console read it). */
  status(): AccountStatus
  /** Called on every change of `status()` (the state is persisted and the admin room told). */
  onStatus(listener: (s: AccountStatus) => void): void
  /** The groups this account is in now, with their topics (binding proposals start from these at login). */
  groups(): Promise<GroupSeen[]>
  /** Called when the account joins or leaves a group, or a group it is in is renamed. */
  onGroupChange(listener: (c: GroupChange) => void): void
  /** The link's health beyond its pings (a transport behind a puppet service has it): the canary, and trouble the
   *  provider reports on a send. */
  health?: LinkHealth
}

/** What the canary and the sender need of a transport besides say(). */
export interface LinkHealth {
  /** Canary nonces this account received, its own echoed back by the service included (never passed on as messages). */
  onNonce(listener: (nonce: string, fromSelf: boolean) => void): void
  /** The account is in trouble the link's own checks cannot see (deaf; logged out as the provider said on a send; a
   *  send that never returned: disconnected): its state becomes `state` (recorded, the admins told) and its link to
   *  the service is restarted. */
  trouble(state: 'deaf' | 'logged_out' | 'disconnected', detail: string): void
}

/** A WeChat group as an account sees it: its stable id and its topic now. */
export interface GroupSeen {
  roomId: string
  topic: string
}

export type GroupChange = { kind: 'joined' | 'renamed'; group: GroupSeen } | { kind: 'left'; roomId: string }

/** The account is not (or no longer) a member of the room: a send there would vanish ("room.say" may still resolve). */
export class NotInRoomError extends Error {
  readonly code = 'ROOM_LEFT'
  constructor(
    readonly accountId: string,
    readonly roomId: string,
  ) {
    super(`account ${accountId} is not in room ${roomId}`)
    this.name = 'NotInRoomError'
  }
}

/** An account's link to WeChat, as its puppet last reported it. */
export type AccountState = 'starting' | 'waiting_scan' | 'logged_in' | 'logged_out' | 'disconnected' | 'failed_auth' | 'stopped' | 'deaf'

/** Every state, in the order /metrics lists them (`deaf`: online to the service's pings, but the canary's messages do
 *  not arrive). */
export const ACCOUNT_STATES: AccountState[] = ['starting', 'waiting_scan', 'logged_in', 'logged_out', 'disconnected', 'failed_auth', 'stopped', 'deaf']

export interface AccountStatus {
  accountId: string
  state: AccountState
  /** When it entered this state. */
  since: Date
  /** A short reason (a QR URL while waiting for a scan, an error's message after a failure); never a token. */
  detail?: string
}

/** Every message the transport sees, the bot's own included: what the simulator's transcript is made of. */
export interface ObservedMessage extends MessageOrigin {
  self: boolean
  text: string
  mentionIds: string[]
  mentionNames: string[]
  /** A file or image sent (the simulator's mock keeps its bytes): what tests read back. */
  file?: { name: string; bytes: Buffer }
}
