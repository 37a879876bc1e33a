// Issue #12, tried from a fresh clone: an org file with no room ids at all, not even the admins' group's. The
// proposals found at login wait for an admins' group; `#绑定 <district>` in that group binds it and tells them there
// at once (not at the account's next login), and the admins' group's own proposal goes stale, never listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orgSpecSchema } from '../src/config/org-spec.ts'
import { importOrg } from '../src/app/org-import.ts'
import type { App } from '../src/main.ts'
import type { MockWeChat } from '../src/transport/mock/mock-wechat.ts'
import type { ObservedMessage } from '../src/transport/transport.ts'
import { startOnMock } from './helpers/mock-app.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { until } from './helpers/wait.ts'

const ADMIN = 'wxid_admin'
const spec = orgSpecSchema.parse({
  district: '二七区',
  accounts: [{ id: 'bot-main' }],
  units: [{ name: '华府社区', kind: 'community', children: [{ name: '华府社区5号网格', kind: 'grid' }] }],
  rooms: [
    { topic: '华府社区5号网格群', unit: '华府社区5号网格', account: 'bot-main' },
    { topic: '华府社区群', unit: '华府社区', account: 'bot-main' },
    { topic: '二七区管理员群', unit: '二七区', account: 'bot-main', admin: true },
  ],
  members: [{ name: '管理员老刘', wxid: ADMIN, unit: '二七区', role: 'admin', rooms: ['二七区管理员群'] }],
})

let stores: TestStores
let app: App | null = null
let wechat: MockWeChat
let said: ObservedMessage[] = []
const inRoom = (roomId: string) => said.filter((m) => m.roomId === roomId).map((m) => m.text)
const proposals = () => stores.db.prisma.bindProposal.findMany({ include: { room: true }, orderBy: { number: 'asc' } })

beforeAll(async () => {
  stores = await freshStores()
  await importOrg(stores.db.prisma, spec)
  ;({ app, wechat, said } = await startOnMock(stores, ['bot-main']))
  wechat.populate('bot-main', {
    botName: '网格助手',
    people: [{ wxid: ADMIN, name: '管理员老刘' }],
    rooms: [
      { roomId: 'radm@chatroom', topic: '二七区管理员群', memberIds: [ADMIN] },
      { roomId: 'r5@chatroom', topic: '华府社区5号网格群', memberIds: [ADMIN] },
      { roomId: 'rc@chatroom', topic: '华府社区群', memberIds: [ADMIN] },
    ],
  })
})
afterAll(async () => {
  await app?.stop()
  await stores?.cleanup()
})

describe('binding proposals without the admins’ group’s room id', () => {
  it('wait for the admins’ group, are told there as soon as #绑定 binds it, and its own proposal goes stale', async () => {
    await until('three proposals at login', async () => (await proposals()).length === 3)
    await app!.bindings!.settled()
    expect(said.filter((m) => m.text.includes('建议绑定'))).toEqual([]) // nowhere to tell them yet
    wechat.say('bot-main', ADMIN, 'radm@chatroom', '#绑定 二七区')
    await until('the proposals told in the admins’ group', async () => inRoom('radm@chatroom').some((t) => t.includes('建议绑定')))
    const [bound, told] = inRoom('radm@chatroom')
    expect(bound).toContain('本群已绑定到「二七区」')
    expect(told).toContain('发现 2 个未绑定的群')
    expect(told).toContain('「华府社区5号网格群」→ 华府社区5号网格')
    expect(told).toContain('「华府社区群」→ 华府社区')
    expect(told).not.toContain('二七区管理员群')
    const own = (await proposals()).find((p) => p.room.topic === '二七区管理员群')!
    expect(own.state).toBe('stale')
    // A second #绑定 there changes nothing and tells nothing again.
    wechat.say('bot-main', ADMIN, 'radm@chatroom', '#绑定 二七区')
    await until('the second answer', async () => inRoom('radm@chatroom').length === 3)
    expect(inRoom('radm@chatroom')[2]).toContain('无需重复绑定')
  })
})
