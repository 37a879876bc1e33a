// wechaty-puppet-mock with the two gaps the simulator needs filled: it drops the mentions of sent messages,
// and it answers every location with one fixed address. Both are fixed here, in the mock, not in our code paths.
import { PuppetMock, type mock } from 'wechaty-puppet-mock'
import * as PUPPET from 'wechaty-puppet'
import { FileBox } from 'file-box'

export type Mocker = InstanceType<typeof mock.Mocker>

export class SimPuppet extends PuppetMock {
  private readonly locations = new Map<string, PUPPET.payloads.Location>()

  constructor(readonly simMocker: Mocker) {
    super({ mocker: simMocker })
  }

  override async messageSendText(conversationId: string, text: string, mentionIdList?: string[]): Promise<void> {
    const m = this.simMocker
    const user = m.ContactMock.load(this.currentUserId)
    const to = /@/.test(conversationId) ? m.RoomMock.load(conversationId) : m.ContactMock.load(conversationId)
    user
      .say(
        text,
        (mentionIdList ?? []).map((id) => m.ContactMock.load(id)),
      )
      .to(to)
  }

  // The bot forwarding an image: said in the room like any message, so the transcript shows it.
  override async messageSendFile(conversationId: string, file: FileBox): Promise<void> {
    const m = this.simMocker
    const to = /@/.test(conversationId) ? m.RoomMock.load(conversationId) : m.ContactMock.load(conversationId)
    m.ContactMock.load(this.currentUserId).say(file).to(to)
  }

  /** The location a simulated member sent (null for other messages). */
  locationOf(messageId: string): PUPPET.payloads.Location | null {
    return this.locations.get(messageId) ?? null
  }

  override async messageLocation(messageId: string): Promise<PUPPET.payloads.Location> {
    return this.locations.get(messageId) ?? super.messageLocation(messageId)
  }

  /** A member sends a location in a room. */
  sendLocation(talkerId: string, roomId: string, loc: { latitude: number; longitude: number; address: string; name?: string }, timestamp = Date.now()): string {
    const msg = this.simMocker.MessageMock.create({
      id: `loc-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
      talkerId,
      roomId,
      timestamp,
      type: PUPPET.types.Message.Location,
      mentionIdList: [],
    } as PUPPET.payloads.Message)
    this.locations.set(msg.id, { accuracy: 15, name: loc.name ?? loc.address, ...loc })
    this.emit('message', { messageId: msg.id })
    return msg.id
  }

  /** A member sends a message the bot does not read (a voice message, a file, a link card): only its type. */
  sendOfKind(talkerId: string, roomId: string, kind: 'voice' | 'file' | 'link', timestamp = Date.now()): string {
    const type = { voice: PUPPET.types.Message.Audio, file: PUPPET.types.Message.Attachment, link: PUPPET.types.Message.Url }[kind]
    const msg = this.simMocker.MessageMock.create({
      id: `${kind}-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
      talkerId,
      roomId,
      timestamp,
      type,
      mentionIdList: [],
    } as PUPPET.payloads.Message)
    this.emit('message', { messageId: msg.id })
    return msg.id
  }

  /** A member sends an image (bytes and a file name) in a room. */
  sendImage(talkerId: string, roomId: string, name: string, bytes: Buffer): void {
    const talker = this.simMocker.ContactMock.load(talkerId)
    talker.say(FileBox.fromBase64(bytes.toString('base64'), name)).to(this.simMocker.RoomMock.load(roomId))
  }
}
