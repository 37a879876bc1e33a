// A WeChat account as production sees it, on loopback: wechaty-puppet-service's PuppetServer serving a mock puppet
// (the simulator's SimPuppet, which keeps mentions). A `gridbot start` process connects to it with
// WECHATY_PUPPET_SERVICE_ENDPOINT and an `insecure_` token, exactly as it would to a real puppet service
// (STACK-NOTES.md); the test says things as people and reads what the bot posted.
import { mock } from 'wechaty-puppet-mock'
import { PuppetServer } from 'wechaty-puppet-service'
import type { OrgSpec } from '../../src/config/org-spec.ts'
import type { Db } from '../../src/db/client.ts'
import { bindRoomsByTopic } from '../../src/kernel/org/org.service.ts'
import { freePort } from '../../src/runtime/free-port.ts'
import { SimPuppet } from '../../src/transport/mock/sim-puppet.ts'

export const SERVICE_TOKEN = 'insecure_gridbot'

export interface MockPuppetService {
  endpoint: string
  token: string
  /** Texts the bot posted, in order, with the room's topic. */
  botSaid: { topic: string; text: string }[]
  say(wxid: string, topic: string, text: string): void
  stop(): Promise<void>
}

/** Serves one bot account of `spec` (its people and the rooms it serves), bound in `db` by topic. */
export async function startMockPuppetService(spec: OrgSpec, accountId: string, db: Db): Promise<MockPuppetService> {
  const mocker = new mock.Mocker()
  const puppet = new SimPuppet(mocker)
  await puppet.start()
  const botId = `svc-${accountId}`
  mocker.login(mocker.createContact({ id: botId, name: '网格助手' }))
  const people = [...spec.members.flatMap((m) => (m.wxid ? [{ ...m, wxid: m.wxid }] : [])), ...spec.guests]
  for (const p of people) mocker.createContact({ id: p.wxid, name: p.name })
  const rooms = new Map<string, string>()
  const topics = new Map<string, string>()
  for (const [i, r] of spec.rooms.entries()) {
    if ((r.account ?? spec.accounts[0]!.id) !== accountId) continue
    const id = `svc-room-${i + 1}@chatroom`
    const memberIds = people.filter((p) => p.rooms.includes(r.topic)).map((p) => p.wxid)
    mocker.createRoom({ id, topic: r.topic, memberIdList: [botId, ...memberIds] })
    rooms.set(r.topic, id)
    topics.set(id, r.topic)
  }
  await bindRoomsByTopic(db, spec.district, (t) => rooms.get(t), new Date())
  const botSaid: { topic: string; text: string }[] = []
  puppet.on('message', async ({ messageId }: { messageId: string }) => {
    const m = await puppet.messagePayload(messageId)
    if (m.talkerId === botId && m.roomId) botSaid.push({ topic: topics.get(m.roomId) ?? m.roomId, text: m.text ?? '' })
  })
  const port = await freePort()
  const endpoint = `127.0.0.1:${port}`
  const server = new PuppetServer({ endpoint, puppet, token: SERVICE_TOKEN })
  await server.start()
  return {
    endpoint,
    token: SERVICE_TOKEN,
    botSaid,
    say: (wxid, topic, text) => {
      const room = rooms.get(topic)
      if (!room) throw new Error(`no room ${topic} on ${accountId}`)
      mocker.ContactMock.load(wxid).say(text).to(mocker.RoomMock.load(room))
    },
    stop: async () => {
      await server.stop()
      await puppet.stop()
    },
  }
}
