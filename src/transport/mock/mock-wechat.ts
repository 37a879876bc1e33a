// A WeChat of our own for the simulator, tests and benchmarks: one wechaty-puppet-mock per bot account, driven
// through the real Wechaty transport. Everything said on it — people's messages and the bot's — is observed at the
// puppet, synchronously as the mock emits it, so the production transport carries no simulator hooks.
import * as PUPPET from 'wechaty-puppet'
import { mock } from 'wechaty-puppet-mock'
import type { Clock } from '../../core/clock.ts'
import type { Logger } from '../../core/logger.ts'
import type { MediaStore } from '../../core/ports.ts'
import type { ObservedMessage } from '../transport.ts'
import { WechatyTransport } from '../wechaty/wechaty-transport.ts'
import { SimPuppet } from './sim-puppet.ts'
import { transportTexts } from '../transport.texts.ts'

/** A contact's payload built here: the mock's own generator fills every field with faker data (an address, a city, a
 *  sentence …) the simulator never reads, which at city size (11,600 people on each of 80 accounts) took minutes. */
const contactPayload = (id: string, name: string): PUPPET.payloads.Contact => ({
  id,
  name,
  avatar: '',
  friend: true,
  gender: PUPPET.types.ContactGender.Male,
  phone: [],
  star: false,
  type: PUPPET.types.Contact.Individual,
})

/** A room's payload built here: the mock's generator shuffles every contact it knows for a random member list it then
 *  throws away (Mocker.createRoom) — per room, so 145 rooms of an account with 11,600 contacts took minutes. */
const roomPayload = (id: string, topic: string, memberIdList: string[]): PUPPET.payloads.Room => ({
  id,
  topic,
  memberIdList,
  adminIdList: [],
  avatar: '',
})

interface Account {
  puppet: SimPuppet
  transport: WechatyTransport
  botId: string
}

export class MockWeChat {
  private readonly accounts = new Map<string, Account>()
  private readonly listeners: ((m: ObservedMessage) => void)[] = []
  /** Emitted by a mock but not yet delivered to its transport (Wechaty loads the payload asynchronously). */
  private readonly arriving = new Set<string>()

  constructor(private readonly opts: { clock: Clock; log: Logger; media: MediaStore }) {}

  /** Sees every message on every account, the bot's own included, in the order the mock emits them. */
  onMessage(fn: (m: ObservedMessage) => void): void {
    this.listeners.push(fn)
  }

  /** The transport factory handed to startApp: a real WechatyTransport over this account's mock. */
  transport = (accountId: string): WechatyTransport => {
    const puppet = new SimPuppet(new mock.Mocker())
    // Registered before Wechaty's own listener, so a message is observed before the bot can answer it.
    puppet.on('message', ({ messageId }: { messageId: string }) => {
      this.arriving.add(`${accountId}/${messageId}`)
      this.observe(accountId, messageId)
    })
    const transport = new WechatyTransport({ accountId, puppet, clock: this.opts.clock, log: this.opts.log, media: this.opts.media })
    // Runs before the transport's own listener (registered at start), which counts the message as pending at once.
    transport.bot.on('message', (message) => void this.arriving.delete(`${accountId}/${message.id}`))
    this.accounts.set(accountId, { puppet, transport, botId: `sim-${accountId}` })
    return transport
  }

  /** After the transports started: the bot logs in, and the people and rooms exist. */
  populate(
    accountId: string,
    a: { botName: string; people: { wxid: string; name: string }[]; rooms: { roomId: string; topic: string; memberIds: string[] }[] },
  ): void {
    const { puppet, botId } = this.account(accountId)
    const m = puppet.simMocker
    m.login(m.ContactMock.create(contactPayload(botId, a.botName)))
    for (const p of a.people) m.ContactMock.create(contactPayload(p.wxid, p.name))
    for (const r of a.rooms) this.addRoom(accountId, r.roomId, r.topic, r.memberIds)
  }

  /** A group on this account (the bot is always in it). */
  addRoom(accountId: string, roomId: string, topic: string, memberIds: string[]): void {
    const { puppet, botId } = this.account(accountId)
    puppet.simMocker.RoomMock.create(roomPayload(roomId, topic, [botId, ...memberIds]))
  }

  /** A person renames a group: the puppet emits room-topic, as WeChat does. */
  renameRoom(accountId: string, roomId: string, topic: string, byWxid: string): void {
    const m = this.account(accountId).puppet.simMocker
    m.RoomMock.load(roomId).topic(topic).by(m.ContactMock.load(byWxid))
  }

  /** A person adds the bot to a group it was not in (created now with `memberIds`): the puppet emits room-join. */
  joinRoom(accountId: string, roomId: string, topic: string, memberIds: string[], byWxid: string): void {
    const { puppet, botId } = this.account(accountId)
    const m = puppet.simMocker
    m.RoomMock.create(roomPayload(roomId, topic, memberIds))
    m.RoomMock.load(roomId).add(m.ContactMock.load(botId)).by(m.ContactMock.load(byWxid))
  }

  /** A person says `text` in a room; returns the message id. */
  say(accountId: string, fromWxid: string, roomId: string, text: string): string {
    const { puppet } = this.account(accountId)
    const m = puppet.simMocker
    let id = ''
    // The mock emits synchronously inside to(): this listener sees exactly this message.
    puppet.once('message', ({ messageId }: { messageId: string }) => void (id = messageId))
    m.ContactMock.load(fromWxid).say(text).to(m.RoomMock.load(roomId))
    return id
  }

  /** Re-emits a message id: what a redelivery from the WeChat side looks like to the gateway. */
  redeliver(accountId: string, messageId: string): void {
    this.account(accountId).puppet.emit('message', { messageId })
  }

  sendLocation(accountId: string, fromWxid: string, roomId: string, loc: { latitude: number; longitude: number; address: string }): void {
    this.account(accountId).puppet.sendLocation(fromWxid, roomId, loc)
  }

  /** A person sends a voice message, a file or a link card in a room (only its type: the bot reads none of them). */
  sendOfKind(accountId: string, fromWxid: string, roomId: string, kind: 'voice' | 'file' | 'link'): string {
    return this.account(accountId).puppet.sendOfKind(fromWxid, roomId, kind)
  }

  /** A person sends an image in a room; returns the message id. */
  sendImage(accountId: string, fromWxid: string, roomId: string, name: string, bytes: Buffer): string {
    const { puppet } = this.account(accountId)
    let id = ''
    // As in say(): the mock emits synchronously, so this listener sees exactly this message.
    puppet.once('message', ({ messageId }: { messageId: string }) => void (id = messageId))
    puppet.sendImage(fromWxid, roomId, name, bytes)
    return id
  }

  /** What is still on its way to the queue: messages Wechaty has not delivered yet, and per account those being handed over. */
  busy(): { arriving: string[]; handingOver: Record<string, number> } {
    return { arriving: [...this.arriving], handingOver: Object.fromEntries([...this.accounts].map(([id, a]) => [id, a.transport.pending])) }
  }

  /** Messages not yet in the inbound queue (0: the mock is quiet). */
  pending(): number {
    let n = this.arriving.size
    for (const a of this.accounts.values()) n += a.transport.pending
    return n
  }

  private account(accountId: string): Account {
    const a = this.accounts.get(accountId)
    if (!a) throw new Error(transportTexts.noAccount(accountId))
    return a
  }

  private observe(accountId: string, messageId: string): void {
    const { puppet, botId } = this.account(accountId)
    const m = puppet.simMocker
    const p = m.messagePayload(messageId)
    const name = (id: string) => {
      try {
        return m.contactPayload(id).name
      } catch {
        return id
      }
    }
    const talkerId = p.talkerId ?? ''
    const roomId = p.roomId ?? null
    const box = m.cacheFileBoxPayload.get(messageId) as { name?: string; base64?: string } | undefined
    const file = box?.base64 !== undefined ? { name: box.name ?? '', bytes: Buffer.from(box.base64, 'base64') } : undefined
    const text =
      p.type === PUPPET.types.Message.Text
        ? (p.text ?? '')
        : p.type === PUPPET.types.Message.Location
          ? transportTexts.locationLine(puppet.locationOf(messageId)?.address ?? '')
          : p.type === PUPPET.types.Message.Image
            ? transportTexts.imageLine
            : file
              ? transportTexts.fileLine(file.name)
              : `[${PUPPET.types.Message[p.type]}]`
    const mentionIds = 'mentionIdList' in p ? (p.mentionIdList ?? []) : []
    const line: ObservedMessage = {
      accountId,
      messageId,
      roomId,
      roomTopic: roomId ? m.roomPayload(roomId).topic : null,
      talkerId,
      talkerName: name(talkerId),
      self: talkerId === botId,
      text,
      mentionIds,
      mentionNames: mentionIds.map(name),
      ...(file ? { file } : {}),
    }
    for (const fn of this.listeners) fn(line)
  }
}
