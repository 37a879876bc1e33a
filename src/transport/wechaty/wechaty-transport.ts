// The only folder that imports wechaty. Maps Wechaty messages to plain InboundMessage data and back.
import path from 'node:path'
import { FileBox } from 'file-box'
import { WechatyBuilder, types, type Message, type Wechaty, type WechatyOptions } from 'wechaty'
import type { Clock } from '../../core/clock.ts'
import { InOrder } from '../../core/in-order.ts'
import type { Logger } from '../../core/logger.ts'
import type { InboundMessage, MessageOrigin } from '../../core/message.ts'
import type { MediaStore } from '../../core/ports.ts'
import { canaryNonce } from '../canary-text.ts'
import { NotInRoomError, type AccountState, type AccountStatus, type LinkHealth, type ChatTransport, type GroupChange, type GroupSeen } from '../transport.ts'
import { classifyLinkError } from './link-errors.ts'
import { mediaCause } from '../../storage/media-guard.ts'
import { LinkSupervisor, portProbe, type SupervisorSettings } from './link-supervisor.ts'
import { qrUrl } from './qr-url.ts'
import { transportTexts } from '../transport.texts.ts'

/** An image that fails to download is asked for this many times, FETCH_RETRY_MS × attempt apart. */
const FETCH_ATTEMPTS = 3
const FETCH_RETRY_MS = 1_000

/** What the transport needs of a puppet to supervise its link (wechaty-puppet's Puppet has all of it). */
interface SupervisablePuppet {
  on(event: string, listener: (payload: never) => void): unknown
  start(): Promise<void>
  stop(): Promise<void>
  ding(data?: string): void
}

/** The puppet a transport is given (built by puppet-factory.ts: the service in production, the mock in the simulator):
 *  what it supervises, and whether it is running. */
export interface TransportPuppet extends SupervisablePuppet {
  state: { active(): boolean }
}

export interface WechatyTransportOptions {
  accountId: string
  // The puppet is built by puppet-factory.ts (service in production, mock in the simulator).
  puppet: TransportPuppet
  clock: Clock
  log: Logger
  /** Where received images are kept, and read back from to forward them. */
  media: MediaStore
  /** A message that could not be read or handed on (gridbot_inbound_dropped_total{reason="unreadable"}). */
  onDropped?: (reason: string) => void
  /** A puppet behind a service (production): its link is supervised (restarts, pings, giving up on a bad token). */
  link?: {
    endpoint?: string
    settings: SupervisorSettings
    /** Masks secrets (the token) in texts that reach logs and the status detail. */
    mask: (text: string) => string
    /** The service refused the token for good: the process should stop (it never starts working). */
    onFatal: (accountId: string, reason: string) => void
  }
}

export class WechatyTransport implements ChatTransport {
  readonly accountId: string
  readonly bot: Wechaty
  private inFlight = 0
  /** Hands one conversation's messages to the queue in the order Wechaty delivered them. */
  private readonly handOver = new InOrder()
  private current: AccountStatus
  private readonly statusListeners: ((s: AccountStatus) => void)[] = []
  private readonly groupListeners: ((c: GroupChange) => void)[] = []
  private supervisor: LinkSupervisor | null = null
  private readonly nonceListeners: ((nonce: string, fromSelf: boolean) => void)[] = []
  /** Behind a puppet service (production): the canary proves the account hears, and restarts a deaf link. */
  readonly health?: LinkHealth

  constructor(private readonly opts: WechatyTransportOptions) {
    this.accountId = opts.accountId
    // Wechaty types its option as its own PuppetInterface; the puppets given are such (upstream's, the fork's, the mock).
    this.bot = WechatyBuilder.build({ name: `gridbot-${opts.accountId}`, puppet: opts.puppet as unknown as WechatyOptions['puppet'] })
    this.current = { accountId: opts.accountId, state: 'starting', since: opts.clock.now() }
    if (opts.link)
      this.health = {
        onNonce: (listener) => void this.nonceListeners.push(listener),
        trouble: (state, detail) => {
          if (this.stopping || this.current.state !== 'logged_in') return
          this.enter(state, detail)
          this.supervisor?.restartNow(`${state}: ${detail}`)
        },
      }
  }

  /** A canary's nonce (ours echoed back, or another account's): for the canary only, never a message. */
  private canaryHeard(message: Message): boolean {
    if (message.type() !== types.Message.Text) return false
    const nonce = canaryNonce(message.text())
    if (!nonce) return false
    const self = message.self()
    for (const fn of this.nonceListeners) fn(nonce, self)
    return true
  }

  status(): AccountStatus {
    return this.current
  }

  /** Called on every change of state (persisting it, alerting the admin room). */
  onStatus(listener: (s: AccountStatus) => void): void {
    this.statusListeners.push(listener)
  }

  onGroupChange(listener: (c: GroupChange) => void): void {
    this.groupListeners.push(listener)
  }

  private groupChanged(c: GroupChange): void {
    for (const fn of this.groupListeners) {
      try {
        fn(c)
      } catch (e) {
        this.opts.log.error({ err: e, account: this.accountId }, 'group listener failed')
      }
    }
  }

  /** The groups the account is a member of (a puppet's room list may hold groups it has left, the mock's does). */
  async groups(): Promise<GroupSeen[]> {
    if (!this.bot.isLoggedIn) return []
    const self = this.bot.currentUser.id
    const out: GroupSeen[] = []
    for (const id of await this.bot.puppet.roomList()) {
      if (!(await this.bot.puppet.roomMemberList(id)).includes(self)) continue
      out.push({ roomId: id, topic: (await this.bot.puppet.roomPayload(id)).topic })
    }
    return out
  }

  private enter(state: AccountState, detail?: string): void {
    if (state === this.current.state && detail === this.current.detail) return
    const masked = detail && this.opts.link ? this.opts.link.mask(detail) : detail
    this.current = { accountId: this.accountId, state, since: this.opts.clock.now(), ...(masked ? { detail: masked } : {}) }
    for (const fn of this.statusListeners) {
      try {
        fn(this.current)
      } catch (e) {
        this.opts.log.error({ err: e, account: this.accountId }, 'status listener failed')
      }
    }
  }

  /** Messages received but not yet handed to the queue (a drain waits for this to reach 0). */
  get pending(): number {
    return this.inFlight
  }

  async start(onMessage: (msg: InboundMessage) => Promise<void>): Promise<void> {
    const log = this.opts.log.child({ account: this.accountId })
    this.bot.on('message', async (message: Message) => {
      try {
        if (this.canaryHeard(message)) return
      } catch (e) {
        log.warn({ err: e, msgId: message.id }, 'canary check failed')
      }
      this.inFlight++
      try {
        // Reading (an image download, say) may take longer for one message than the next, so it starts at once;
        // the hand-over joins its conversation's line before the first await, so the queue sees delivery order.
        const reading = message.self() ? null : this.toInbound(message)
        reading?.catch(() => undefined) // awaited below; this only keeps an early failure from being "unhandled"
        await this.handOver.run(this.conversationOf(message), async () => {
          const inbound = await reading
          if (inbound) await onMessage(inbound)
        })
      } catch (e) {
        log.error({ err: e, msgId: message.id }, 'inbound message could not be queued')
        this.opts.onDropped?.('unreadable')
      } finally {
        this.inFlight--
      }
    })
    const mask = this.opts.link?.mask ?? ((t: string) => t)
    // The library's errors quote the token: only the masked first line is logged (the link errors are handled below).
    this.bot.on('error', (e) => {
      if (!this.opts.link) log.error({ err: e }, 'wechaty error')
    })
    this.bot.on('scan', (qrcode, status) => {
      const url = qrUrl(qrcode)
      this.enter('waiting_scan', url)
      log.warn({ qr: url, status }, transportTexts.waitingScan)
    })
    this.bot.on('login', (user) => {
      this.supervisor?.loggedIn()
      this.enter('logged_in')
      log.info({ user: user.id }, 'logged in')
    })
    this.bot.on('logout', (user, reason) => {
      if (this.supervisor?.isRestarting || this.stopping) return // our own restart's stop(), not WeChat's logout
      this.enter('logged_out', reason ? String(reason) : undefined)
      log.warn({ user: user.id }, 'logged out')
    })
    this.watchGroups(log)
    if (this.opts.link) this.supervise(this.opts.link, log, mask)
    this.enter('starting')
    await this.bot.start()
    if (this.bot.isLoggedIn) this.enter('logged_in')
    // bot.start() resolves even when the service could not be reached or refused us (errors came as events).
    else if (this.opts.link && !this.opts.puppet.state.active()) this.supervisor?.lost('down', 'start failed')
  }

  private stopping = false

  /** Joining a group, leaving it, a rename: what binding proposals re-check. The new topic is taken from the event
   *  (a puppet may still hold the old one in its payload when it emits). */
  private watchGroups(log: Logger): void {
    const isSelf = (ids: { id: string }[]) => this.bot.isLoggedIn && ids.some((c) => c.id === this.bot.currentUser.id)
    this.bot.on('room-join', async (room, invitees) => {
      if (!isSelf(invitees)) return
      try {
        this.groupChanged({ kind: 'joined', group: { roomId: room.id, topic: await room.topic() } })
      } catch (err) {
        log.warn({ err, room: room.id }, 'joined a group whose topic could not be read')
      }
    })
    this.bot.on('room-leave', (room, leavers) => {
      if (isSelf(leavers)) this.groupChanged({ kind: 'left', roomId: room.id })
    })
    this.bot.on('room-topic', (room, topic) => this.groupChanged({ kind: 'renamed', group: { roomId: room.id, topic } }))
  }

  private supervise(link: NonNullable<WechatyTransportOptions['link']>, log: Logger, mask: (t: string) => string): void {
    const puppet = this.opts.puppet
    const supervisor = new LinkSupervisor(
      {
        restart: async () => {
          await puppet.stop().catch(() => undefined)
          await puppet.start()
        },
        ping: () => puppet.ding('gridbot'),
        reachable: portProbe(link.endpoint),
        linkDown: (reason) => {
          this.enter('disconnected', reason)
          log.warn({ reason: mask(reason) }, 'puppet service link lost; reconnecting')
        },
        authFailed: (reason) => {
          this.enter('failed_auth', reason)
          log.error({ reason: mask(reason) }, 'puppet service refused the token')
        },
        fatal: (reason) => link.onFatal(this.accountId, mask(reason)),
        mask,
        log,
      },
      link.settings,
    )
    this.supervisor = supervisor
    puppet.on('heartbeat', () => supervisor.heartbeat())
    puppet.on('dong', () => supervisor.heartbeat())
    puppet.on('error', (payload: never) => {
      const e = classifyLinkError(payload)
      if (e.problem === 'other') return void log.warn({ code: e.code, err: mask(e.message) }, 'puppet error')
      supervisor.lost(e.problem, mask(e.message))
    })
    supervisor.begin()
  }

  async stop(): Promise<void> {
    this.stopping = true
    this.supervisor?.end()
    await this.bot.stop()
    this.enter('stopped')
  }

  /** The room, when this account is still in it (WeChat accepts a say to a room the bot has left, and drops it). */
  private async roomToSay(roomId: string) {
    const room = await this.bot.Room.find({ id: roomId })
    if (!this.bot.isLoggedIn) throw new Error(`account ${this.accountId} is not logged in`)
    if (!room) throw new NotInRoomError(this.accountId, roomId)
    const members = await this.bot.puppet.roomMemberList(roomId)
    if (!members.includes(this.bot.currentUser.id)) throw new NotInRoomError(this.accountId, roomId)
    return room
  }

  async say(roomId: string, text: string, mentionIds: string[]): Promise<void> {
    const room = await this.roomToSay(roomId)
    const contacts = (await Promise.all(mentionIds.map((id) => this.bot.Contact.find({ id })))).filter((c) => c !== undefined)
    if (contacts.length) await room.say(text, ...contacts)
    else await room.say(text)
  }

  async sendImage(roomId: string, ref: string): Promise<void> {
    await this.sendFile(roomId, ref, path.basename(ref))
  }

  async sendFile(roomId: string, ref: string, fileName: string): Promise<void> {
    const room = await this.roomToSay(roomId)
    // Base64, not a buffer: puppet-service (and the mock) serialize the FileBox, which a buffer FileBox cannot be.
    await room.say(FileBox.fromBase64((await this.opts.media.get(ref)).toString('base64'), fileName))
  }

  /** The room, or the person writing to the bot; never throws (a message without either gets a line of its own). */
  private conversationOf(message: Message): string {
    try {
      return message.room()?.id ?? message.talker().id
    } catch {
      return `message:${message.id}`
    }
  }

  /** WeChat's own time of the message (the same when it is delivered again): the inbox's partition key. */
  private sentAt(message: Message): { sentAt?: string } {
    try {
      const at = message.date()
      return Number.isFinite(at.getTime()) && at.getTime() > 0 ? { sentAt: at.toISOString() } : {}
    } catch {
      return {}
    }
  }

  private async origin(message: Message): Promise<MessageOrigin> {
    const room = message.room()
    const talker = message.talker()
    return {
      accountId: this.accountId,
      messageId: message.id,
      roomId: room?.id ?? null,
      roomTopic: room ? await room.topic() : null,
      talkerId: talker.id,
      talkerName: talker.name(),
    }
  }

  private async toInbound(message: Message): Promise<InboundMessage | null> {
    const room = message.room()
    const base = {
      ...(await this.origin(message)),
      text: '',
      mentionsSelf: false,
      receivedAt: this.opts.clock.now().toISOString(),
      ...this.sentAt(message),
    }
    switch (message.type()) {
      case types.Message.Text:
        return {
          ...base,
          kind: 'text',
          text: message.text(),
          mentionsSelf: room ? await this.mentionsSelf(message) : false,
          mentionIds: room ? (await message.mentionList()).map((c) => c.id).filter((id) => id !== this.bot.currentUser?.id) : [],
        }
      case types.Message.Location: {
        const loc = await this.location(message)
        return { ...base, kind: 'location', location: { latitude: loc.latitude, longitude: loc.longitude, address: loc.address || loc.name } }
      }
      case types.Message.Image: {
        // Never drop the message for its image: when it cannot be fetched or kept, it goes on marked missing (the
        // sender is asked to resend, the admins are told, /readyz and the metric show it).
        const file = await this.fetchImage(message)
        if (!file) return { ...base, kind: 'image', mediaMissing: 'fetch_failed' }
        const ext = path.extname(file.name) || '.jpg'
        try {
          const ref = await this.opts.media.put(`${this.accountId}/${message.id}${ext}`, file.bytes)
          return { ...base, kind: 'image', mediaRef: ref }
        } catch (err) {
          const cause = mediaCause(err)
          this.opts.log.error({ err, account: this.accountId, msgId: message.id, cause }, 'image not kept: the message goes on with its media missing')
          return { ...base, kind: 'image', mediaMissing: cause }
        }
      }
      // Not downloaded: a member who talks instead of typing is told once a day to type (issue #23).
      case types.Message.Audio:
        return { ...base, kind: 'voice' }
      default:
        return { ...base, kind: 'other' }
    }
  }

  /** The image's bytes, tried again while the service may still have them; null when it never came. */
  private async fetchImage(message: Message): Promise<{ name: string; bytes: Buffer } | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        const file = await message.toFileBox()
        return { name: file.name, bytes: await file.toBuffer() }
      } catch (err) {
        if (attempt >= FETCH_ATTEMPTS) {
          this.opts.log.error({ err, account: this.accountId, msgId: message.id }, 'image could not be fetched: the message goes on with its media missing')
          return null
        }
        await new Promise((r) => setTimeout(r, FETCH_RETRY_MS * attempt))
      }
    }
  }

  /** Message.toLocation() in wechaty 1.20 throws (it constructs LocationImpl directly): ask the puppet. */
  private location(message: Message) {
    return this.bot.puppet.messageLocation(message.id)
  }

  /** Some puppets (the mock among them) drop mention ids: a leading "@<our name>" counts too. */
  private async mentionsSelf(message: Message): Promise<boolean> {
    if (await message.mentionSelf()) return true
    const name = this.bot.isLoggedIn ? this.bot.currentUser.name() : ''
    return (
      Boolean(name) &&
      message
        .text()
        .replace(/\u2005/g, ' ')
        .startsWith(`@${name}`)
    )
  }
}
