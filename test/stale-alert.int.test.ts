// Issue #25: an alert left behind by the last run (a refused token stopped the gateway; its "token 被拒绝" still waits
// in the queue) is followed by its recovery: the first login of the next run is told as one, not kept silent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orgSpecSchema } from '../src/config/org-spec.ts'
import { importOrg } from '../src/app/org-import.ts'
import type { App } from '../src/main.ts'
import type { MockWeChat } from '../src/transport/mock/mock-wechat.ts'
import type { ObservedMessage } from '../src/transport/transport.ts'
import { startOnMock } from './helpers/mock-app.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { until } from './helpers/wait.ts'

const ADMINS = 'admins@chatroom'
const spec = orgSpecSchema.parse({
  district: '告警区',
  accounts: [{ id: 'bot-main', name: '网格助手' }],
  units: [],
  rooms: [{ topic: '告警区管理员群', unit: '告警区', account: 'bot-main', admin: true, wxRoomId: ADMINS }],
  members: [{ name: '管理员', wxid: 'wx_admin', unit: '告警区', role: 'admin', rooms: ['告警区管理员群'] }],
})

let stores: TestStores
let app: App | null = null
let wechat: MockWeChat
let said: ObservedMessage[] = []

beforeAll(async () => {
  stores = await freshStores()
  await importOrg(stores.db.prisma, spec)
  // What the last run left: the token was refused, the gateway stopped (exit 78).
  await stores.db.prisma.botAccount.update({ where: { id: 'bot-main' }, data: { state: 'failed_auth', stateSince: new Date(Date.now() - 600_000) } })
  ;({ app, wechat, said } = await startOnMock(stores, ['bot-main']))
  wechat.populate('bot-main', {
    botName: '网格助手',
    people: [{ wxid: 'wx_admin', name: '管理员' }],
    rooms: [{ roomId: ADMINS, topic: '告警区管理员群', memberIds: ['wx_admin'] }],
  })
})
afterAll(async () => {
  await app?.stop()
  await stores?.cleanup()
})

describe('an account left down by the last run', () => {
  it('posts a recovery at its first login', async () => {
    await until('the recovery told', async () => said.some((m) => m.roomId === ADMINS && m.text.includes('已恢复在线')))
    const history = await stores.db.prisma.accountEvent.findMany({ where: { accountId: 'bot-main' }, orderBy: { id: 'asc' } })
    expect(history.map((h) => h.state)).toEqual(expect.arrayContaining(['starting', 'logged_in']))
  })
})
