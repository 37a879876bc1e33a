// WorkPro's client over real gRPC (issue #25): both accounts use the maintained fork `@juzi/wechaty-puppet-service`
// (GRIDBOT_ACCOUNT_<ID>_CLIENT=juzi) against that package's own PuppetServer on loopback. bot-a answers a check-in,
// its canary's own echo comes back (it stays logged in, never deaf), and its logout and recovery are told in the
// admins' group through bot-b. (One gateway process cannot mix the fork and the upstream client: account-links.test.ts.)
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestStores } from './helpers/stores.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, type LoopbackService } from './helpers/loopback.ts'
import { until } from './helpers/wait.ts'

const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-org.yaml')
const ADMIN = 'admin@chatroom'
const GRID = 'grid1@chatroom'

let stores: TestStores
let a: LoopbackService
let b: LoopbackService
let gw: ReturnType<typeof startGridbot> | null = null

const history = async () => (await stores.db.prisma.accountEvent.findMany({ where: { accountId: 'bot-a' }, orderBy: { id: 'asc' } })).map((h) => h.state)

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair({ client: 'juzi' }))
})
afterEach(async () => {
  await closeLoopbackPair({ stores, a, b }, gw)
  gw = null
})

describe('the @juzi/wechaty-puppet-service client against its own server', () => {
  it('answers over the fork, proves it hears with the canary, and its logout is told through the other account', async () => {
    gw = startGridbot(
      stores,
      ORG,
      [
        { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint, client: 'juzi' },
        { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint, client: 'juzi' },
      ],
      { GRIDBOT_CANARY_EVERY_MS: '3000', GRIDBOT_CANARY_WAIT_MS: '3000' },
    )
    await until('both accounts logged in', async () => {
      if (gw && gw.proc.exitCode !== null) throw new Error(`gridbot exited ${gw.proc.exitCode}: ${(await gw.exited).stderr.slice(-2000)}`)
      return (await stores.db.prisma.botAccount.count({ where: { state: 'logged_in' } })) === 2
    })
    a.say('wx_cadre', GRID, '#签到 巡查 3户')
    await until('the check-in answered over the fork', async () => a.botSaid(GRID).some((s) => s.text.includes('签到成功') && s.text.includes('3户')))
    expect(await stores.db.prisma.checkin.count()).toBe(1)

    // Three canary rounds of bot-a, each heard back through the fork's event stream: never deaf.
    await until('three canary nonces of bot-a', async () => a.botSaid(ADMIN).filter((s) => s.text.startsWith('gridbot canary ')).length >= 3)
    expect(await history()).not.toContain('deaf')

    a.logout()
    await until('the logout told through bot-b', async () => b.botSaid(ADMIN).some((s) => s.text.includes('网格助手A') && s.text.includes('退出登录')))
    a.login()
    await until('the recovery told', async () => b.botSaid(ADMIN).some((s) => s.text.includes('网格助手A') && s.text.includes('已恢复在线')))
    expect((await history()).at(-1)).toBe('logged_in')
  })
})
