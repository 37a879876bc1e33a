// The simulator's WeChat: one mock account per bot account, the org's people as contacts, its rooms as groups —
// real Wechaty over wechaty-puppet-mock. Rooms get stable synthetic ids and are bound like an admin would.
import { readFile } from 'node:fs/promises'
import { mock } from 'wechaty-puppet-mock'
import type { Clock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { OrgSpec } from '../config/org-spec.ts'
import type { Db } from '../db/client.ts'
import { orgRepo } from '../domain/org/org.repo.ts'
import { SimPuppet } from '../transport/wechaty/sim-puppet.ts'
import { WechatyTransport } from '../transport/wechaty/wechaty-transport.ts'
import type { ObservedMessage } from '../transport/transport.ts'

export const BOT_NAME = '网格助手'

export interface TranscriptLine {
  at: string
  room: string | null
  from: string
  text: string
  mentions: string[]
  self: boolean
}

interface Person {
  name: string
  wxid: string
  rooms: string[]
}

export class SimWorld {
  readonly transcript: TranscriptLine[] = []
  private readonly puppets = new Map<string, SimPuppet>()
  private readonly transports = new Map<string, WechatyTransport>()
  /** Room topic → { account, mock room id }. */
  readonly rooms = new Map<string, { accountId: string; roomId: string }>()
  readonly people: Person[]
  private readonly unseen = new Set<string>()
  private readonly listeners: ((line: TranscriptLine) => void)[] = []

  constructor(
    readonly spec: OrgSpec,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly mediaDir: string,
  ) {
    this.people = [
      ...spec.members.map((m) => ({ name: m.name, wxid: m.wxid, rooms: m.rooms })),
      ...spec.guests.map((g) => ({ name: g.name, wxid: g.wxid, rooms: g.rooms })),
    ]
    spec.rooms.forEach((r, i) => this.rooms.set(r.topic, { accountId: r.account ?? spec.accounts[0]!.id, roomId: `sim-room-${i + 1}@chatroom` }))
  }

  onLine(fn: (line: TranscriptLine) => void): void {
    this.listeners.push(fn)
  }

  /** The transport factory handed to startApp. */
  transport = (accountId: string): WechatyTransport => {
    const puppet = new SimPuppet(new mock.Mocker())
    // Every message the mock emits must show up in the transcript before the world counts as idle.
    puppet.on('message', ({ messageId }: { messageId: string }) => void this.unseen.add(`${accountId}/${messageId}`))
    const t = new WechatyTransport({
      accountId,
      puppet,
      clock: this.clock,
      log: this.log,
      mediaDir: this.mediaDir,
      observe: (m) => this.record(accountId, m),
    })
    this.puppets.set(accountId, puppet)
    this.transports.set(accountId, t)
    return t
  }

  private record(accountId: string, m: ObservedMessage): void {
    this.unseen.delete(`${accountId}/${m.messageId}`)
    const line: TranscriptLine = {
      at: this.clock.now().toISOString(),
      room: m.roomTopic,
      from: m.self ? BOT_NAME : m.talkerName,
      text: m.text,
      mentions: m.mentionNames,
      self: m.self,
    }
    this.transcript.push(line)
    for (const fn of this.listeners) fn(line)
  }

  /** After the transports started: log in, create people and rooms, and bind the rooms in the database. */
  async populate(db: Db): Promise<void> {
    for (const [accountId, puppet] of this.puppets) {
      const m = puppet.simMocker
      const botContact = m.createContact({ id: `sim-${accountId}`, name: BOT_NAME })
      m.login(botContact)
      for (const p of this.people) m.createContact({ id: p.wxid, name: p.name })
      for (const [topic, r] of this.rooms) {
        if (r.accountId !== accountId) continue
        const memberIdList = [botContact.id, ...this.people.filter((p) => p.rooms.includes(topic)).map((p) => p.wxid)]
        m.createRoom({ id: r.roomId, topic, memberIdList })
      }
    }
    // Bind: what an admin's #绑定 does in production, done up front for every room in the org file.
    const district = await orgRepo.findDistrict(db, this.spec.district)
    const rows = district ? await orgRepo.roomsOfDistrict(db, district.id) : []
    for (const row of rows) {
      const r = this.rooms.get(row.topic)
      if (r && row.wxRoomId !== r.roomId) await orgRepo.bindRoom(db, row.id, r.roomId, this.clock.now())
    }
  }

  /** A WeChat group the org file does not know (for #绑定): created in the account's mock, not bound. */
  createUnboundRoom(topic: string, accountId: string, wxids: string[]): void {
    const puppet = this.puppets.get(accountId)
    if (!puppet) throw new Error(`没有这个账号:${accountId}`)
    const roomId = `sim-room-${this.rooms.size + 1}@chatroom`
    this.rooms.set(topic, { accountId, roomId })
    puppet.simMocker.createRoom({ id: roomId, topic, memberIdList: [`sim-${accountId}`, ...wxids] })
    for (const p of this.people) if (wxids.includes(p.wxid)) p.rooms.push(topic)
  }

  person(from: string | { wxid: string }): Person {
    const p = typeof from === 'string' ? this.people.find((x) => x.name === from) : this.people.find((x) => x.wxid === from.wxid)
    if (!p) throw new Error(`没有这个人:${JSON.stringify(from)}`)
    return p
  }

  room(topic: string): { accountId: string; roomId: string; puppet: SimPuppet } {
    const r = this.rooms.get(topic)
    if (!r) throw new Error(`没有这个群:${topic}`)
    return { ...r, puppet: this.puppets.get(r.accountId)! }
  }

  say(from: Person, topic: string, text: string): string {
    const { puppet, roomId } = this.room(topic)
    const m = puppet.simMocker
    let id = ''
    // The mock emits synchronously inside to(): this listener sees exactly this message.
    puppet.once('message', ({ messageId }: { messageId: string }) => void (id = messageId))
    m.ContactMock.load(from.wxid).say(text).to(m.RoomMock.load(roomId))
    return id
  }

  /** Re-emits a message id: what a redelivery from the WeChat side looks like to the gateway. */
  redeliver(topic: string, messageId: string): void {
    this.room(topic).puppet.emit('message', { messageId })
  }

  sendLocation(from: Person, topic: string, loc: { lat: number; lng: number; address: string }): void {
    const { puppet, roomId } = this.room(topic)
    puppet.sendLocation(from.wxid, roomId, { latitude: loc.lat, longitude: loc.lng, address: loc.address })
  }

  async sendImage(from: Person, topic: string, file: string): Promise<void> {
    const { puppet, roomId } = this.room(topic)
    const bytes = await readFile(file)
    puppet.sendImage(from.wxid, roomId, file.split('/').pop()!, bytes)
  }

  /** What `pending` counts: messages being handed over, per account, and messages not yet in the transcript. */
  busy(): { handingOver: Record<string, number>; unseen: string[] } {
    return { handingOver: Object.fromEntries([...this.transports].map(([id, t]) => [id, t.pending])), unseen: [...this.unseen] }
  }

  /** Messages emitted by a mock but not yet in the transcript, plus transports still handing messages over. */
  pending(): number {
    let n = 0
    for (const t of this.transports.values()) n += t.pending
    return n + this.unseen.size
  }
}
