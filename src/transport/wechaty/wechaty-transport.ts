// The only folder that imports wechaty. Maps Wechaty messages to plain InboundMessage data and back.
import path from 'node:path'
import { FileBox } from 'file-box'
import { WechatyBuilder, types, type Message, type Wechaty } from 'wechaty'
import type { Clock } from '../../core/clock.ts'
import { InOrder } from '../../core/in-order.ts'
import type { Logger } from '../../core/logger.ts'
import type { InboundMessage, MessageOrigin } from '../../core/message.ts'
import type { MediaStore } from '../../core/ports.ts'
import type { AccountState, AccountStatus, ChatTransport } from '../transport.ts'

export interface WechatyTransportOptions {
  accountId: string
  // The puppet is built by puppet-factory.ts (service in production, mock in the simulator).
  puppet: ConstructorParameters<typeof Object>[0]
  clock: Clock
  log: Logger
  /** Where received images are kept, and read back from to forward them. */
  media: MediaStore
}

export class WechatyTransport implements ChatTransport {
  readonly accountId: string
  readonly bot: Wechaty
  private inFlight = 0
  /** Hands one conversation's messages to the queue in the order Wechaty delivered them. */
  private readonly handOver = new InOrder()
  private current: AccountStatus

  constructor(private readonly opts: WechatyTransportOptions) {
    this.accountId = opts.accountId
    this.bot = WechatyBuilder.build({ name: `gridbot-${opts.accountId}`, puppet: opts.puppet as never })
    this.current = { accountId: opts.accountId, state: 'starting', since: opts.clock.now() }
  }

  status(): AccountStatus {
    return this.current
  }

  private enter(state: AccountState, detail?: string): void {
    if (state === this.current.state && detail === this.current.detail) return
    this.current = { accountId: this.accountId, state, since: this.opts.clock.now(), ...(detail ? { detail } : {}) }
  }

  /** Messages received but not yet handed to the queue (a drain waits for this to reach 0). */
  get pending(): number {
    return this.inFlight
  }

  async start(onMessage: (msg: InboundMessage) => Promise<void>): Promise<void> {
    const log = this.opts.log.child({ account: this.accountId })
    this.bot.on('message', async (message: Message) => {
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
      } finally {
        this.inFlight--
      }
    })
    this.bot.on('error', (e) => log.error({ err: e }, 'wechaty error'))
    this.bot.on('scan', (qrcode) => this.enter('waiting_scan', qrcode))
    this.bot.on('login', (user) => {
      this.enter('logged_in')
      log.info({ user: user.id }, 'logged in')
    })
    this.bot.on('logout', (user) => {
      this.enter('logged_out')
      log.warn({ user: user.id }, 'logged out')
    })
    this.enter('starting')
    await this.bot.start()
    if (this.bot.isLoggedIn) this.enter('logged_in')
  }

  async stop(): Promise<void> {
    await this.bot.stop()
    this.enter('stopped')
  }

  async say(roomId: string, text: string, mentionIds: string[]): Promise<void> {
    const room = await this.bot.Room.find({ id: roomId })
    if (!room) throw new Error(`room ${roomId} not found for account ${this.accountId}`)
    const contacts = (await Promise.all(mentionIds.map((id) => this.bot.Contact.find({ id })))).filter((c) => c !== undefined)
    if (contacts.length) await room.say(text, ...contacts)
    else await room.say(text)
  }

  async sendImage(roomId: string, ref: string): Promise<void> {
    const room = await this.bot.Room.find({ id: roomId })
    if (!room) throw new Error(`room ${roomId} not found for account ${this.accountId}`)
    // Base64, not a buffer: puppet-service (and the mock) serialize the FileBox, which a buffer FileBox cannot be.
    await room.say(FileBox.fromBase64((await this.opts.media.get(ref)).toString('base64'), path.basename(ref)))
  }

  /** The room, or the person writing to the bot; never throws (a message without either gets a line of its own). */
  private conversationOf(message: Message): string {
    try {
      return message.room()?.id ?? message.talker().id
    } catch {
      return `message:${message.id}`
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
        const file = await message.toFileBox()
        const ext = path.extname(file.name) || '.jpg'
        const ref = await this.opts.media.put(`${this.accountId}/${message.id}${ext}`, await file.toBuffer())
        return { ...base, kind: 'image', mediaRef: ref }
      }
      default:
        return { ...base, kind: 'other' }
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
