// The simulator's WeChat: one mock account per bot account, the org's people as contacts, its rooms as groups —
// real Wechaty over wechaty-puppet-mock. Rooms get stable synthetic ids and are bound like an admin would.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Clock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { OrgSpec } from '../config/org-spec.ts'
import type { Db } from '../db/client.ts'
import { bindRoomsByTopic } from '../kernel/org/org.service.ts'
import { MockWeChat } from '../transport/mock/mock-wechat.ts'
import { FileMediaStore } from '../storage/file-media-store.ts'
import type { ChatTransport, ObservedMessage } from '../transport/transport.ts'
import type { MediaStore } from '../core/ports.ts'
import { must } from '../core/must.ts'
import { simTexts } from './sim.texts.ts'

export const BOT_NAME = simTexts.botName

export interface TranscriptLine {
  /** The message id (the web simulator finds an image it sent by it). */
  id?: string
  at: string
  room: string | null
  from: string
  text: string
  mentions: string[]
  self: boolean
  /** The bytes of a file or image sent (tests read an exported 台账 back). */
  file?: { name: string; bytes: Buffer }
}

interface Person {
  name: string
  wxid: string
  rooms: string[]
}

export class SimWorld {
  readonly transcript: TranscriptLine[] = []
  private readonly wechat: MockWeChat
  private readonly accounts = new Set<string>()
  /** Room topic → { account, mock room id }. */
  readonly rooms = new Map<string, { accountId: string; roomId: string }>()
  readonly people: Person[]
  private readonly listeners: ((line: TranscriptLine) => void)[] = []
  /** The media store the mock's transports and the app share. */
  readonly media: MediaStore

  constructor(
    readonly spec: OrgSpec,
    private readonly clock: Clock,
    log: Logger,
    mediaDir: string,
  ) {
    this.people = [
      // A roster entry without a contact id is someone the simulator does not know yet: a script gives them a
      // WeChat account as a guest, who then sends #登记.
      ...spec.members.flatMap((m) => (m.wxid ? [{ name: m.name, wxid: m.wxid, rooms: m.rooms }] : [])),
      ...spec.guests.map((g) => ({ name: g.name, wxid: g.wxid, rooms: g.rooms })),
    ]
    for (const [i, r] of spec.rooms.entries())
      this.rooms.set(r.topic, { accountId: r.account ?? must(spec.accounts[0], 'SIM_NO_ACCOUNT').id, roomId: `sim-room-${i + 1}@chatroom` })
    this.media = new FileMediaStore(mediaDir)
    this.wechat = new MockWeChat({ clock, log, media: this.media })
    this.wechat.onMessage((m) => this.record(m))
  }

  onLine(fn: (line: TranscriptLine) => void): void {
    this.listeners.push(fn)
  }

  /** The transport factory handed to startApp. */
  transport = (accountId: string): ChatTransport => {
    this.accounts.add(accountId)
    return this.wechat.transport(accountId)
  }

  private record(m: ObservedMessage): void {
    const line: TranscriptLine = {
      id: m.messageId,
      at: this.clock.now().toISOString(),
      room: m.roomTopic,
      from: m.self ? BOT_NAME : m.talkerName,
      text: m.text,
      mentions: m.mentionNames,
      self: m.self,
      ...(m.file ? { file: m.file } : {}),
    }
    this.transcript.push(line)
    for (const fn of this.listeners) fn(line)
  }

  /** After the transports started: log in, create people and rooms, and bind the rooms in the database. */
  async populate(db: Db, o: { contacts?: 'everyone' | 'groups' } = {}): Promise<void> {
    // Bind first: what an admin's #绑定 does in production, done up front for every room in the org file — before
    // the accounts log in, so their first look at their groups finds them bound (nothing to propose).
    await bindRoomsByTopic(db, this.spec.district, (topic) => this.rooms.get(topic)?.roomId, this.clock.now())
    const inRoom = new Map<string, string[]>()
    for (const p of this.people) for (const topic of p.rooms) inRoom.set(topic, [...(inRoom.get(topic) ?? []), p.wxid])
    const roomsOf = new Map<string, { roomId: string; topic: string; memberIds: string[] }[]>()
    for (const [topic, r] of this.rooms)
      roomsOf.set(r.accountId, [...(roomsOf.get(r.accountId) ?? []), { roomId: r.roomId, topic, memberIds: inRoom.get(topic) ?? [] }])
    for (const accountId of this.accounts) {
      const rooms = roomsOf.get(accountId) ?? []
      // Everyone (the default: a script's person may write to any account), or only the people of the account's
      // groups (what a logged-in account sees: at city size, 11,600 contacts on each of 80 accounts is a lot of mock).
      const known = o.contacts === 'groups' ? new Set(rooms.flatMap((r) => r.memberIds)) : null
      this.wechat.populate(accountId, { botName: BOT_NAME, people: known ? this.people.filter((p) => known.has(p.wxid)) : this.people, rooms })
    }
  }

  /** A WeChat group the org file does not know (for #绑定): created in the account's mock, not bound. */
  createUnboundRoom(topic: string, accountId: string, wxids: string[]): void {
    if (!this.accounts.has(accountId)) throw new Error(simTexts.noAccount(accountId))
    const roomId = `sim-room-${this.rooms.size + 1}@chatroom`
    this.rooms.set(topic, { accountId, roomId })
    this.wechat.addRoom(accountId, roomId, topic, wxids)
    for (const p of this.people) if (wxids.includes(p.wxid)) p.rooms.push(topic)
  }

  person(from: string | { wxid: string }): Person {
    const p = typeof from === 'string' ? this.people.find((x) => x.name === from) : this.people.find((x) => x.wxid === from.wxid)
    if (!p) throw new Error(simTexts.noPerson(JSON.stringify(from)))
    return p
  }

  room(topic: string): { accountId: string; roomId: string } {
    const r = this.rooms.get(topic)
    if (!r) throw new Error(simTexts.noRoom(topic))
    return r
  }

  say(from: Person, topic: string, text: string): string {
    const { accountId, roomId } = this.room(topic)
    return this.wechat.say(accountId, from.wxid, roomId, text)
  }

  /** Re-emits a message id: what a redelivery from the WeChat side looks like to the gateway. */
  redeliver(topic: string, messageId: string): void {
    this.wechat.redeliver(this.room(topic).accountId, messageId)
  }

  sendLocation(from: Person, topic: string, loc: { lat: number; lng: number; address: string }): void {
    const { accountId, roomId } = this.room(topic)
    this.wechat.sendLocation(accountId, from.wxid, roomId, { latitude: loc.lat, longitude: loc.lng, address: loc.address })
  }

  /** A voice message, a file or a link card: the gateway sees only its kind. */
  sendOfKind(from: Person, topic: string, kind: 'voice' | 'file' | 'link'): string {
    const { accountId, roomId } = this.room(topic)
    return this.wechat.sendOfKind(accountId, from.wxid, roomId, kind)
  }

  async sendImage(from: Person, topic: string, file: string): Promise<void> {
    this.sendImageBytes(from, topic, path.basename(file), await readFile(file))
  }

  /** An image from memory (the web simulator's upload); returns the message id. */
  sendImageBytes(from: Person, topic: string, name: string, bytes: Buffer): string {
    const { accountId, roomId } = this.room(topic)
    return this.wechat.sendImage(accountId, from.wxid, roomId, name, bytes)
  }

  /** What `pending` counts, for the error when the simulator does not settle. */
  busy(): ReturnType<MockWeChat['busy']> {
    return this.wechat.busy()
  }

  /** Messages on their way from the mock WeChat to the inbound queue. */
  pending(): number {
    return this.wechat.pending()
  }
}
