// A deaf account and a logged-out one over real gRPC (loopback puppet services, `gridbot start`), issue #25:
// - bot-a's service stops delivering messages while still answering its pings: the canary finds it deaf after two
//   misses (state `deaf`), the admins' group hears it once through bot-b, its link is restarted (and restarted again
//   while it stays deaf, without telling again); when it hears again the admins are told and it answers people again.
//   Canary nonces are never taken as messages (no inbox row).
// - bot-a's service refuses a send with WorkPro's 23060 (logged out): the account is marked logged out, the admins
//   are told through bot-b, its link restarted; the post goes out once sends are accepted again.
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestStores } from './helpers/stores.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, type LoopbackService } from './helpers/loopback.ts'
import { until } from './helpers/wait.ts'

const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-org.yaml')
const ADMIN = 'admin@chatroom'
const COMMUNITY = 'community@chatroom' // bot-a's only
const GRID = 'grid1@chatroom'

let stores: TestStores
let a: LoopbackService
let b: LoopbackService
let gw: ReturnType<typeof startGridbot> | null = null

const history = async () => (await stores.db.prisma.accountEvent.findMany({ where: { accountId: 'bot-a' }, orderBy: { id: 'asc' } })).map((h) => h.state)
const told = (what: string) => b.botSaid(ADMIN).filter((s) => s.text.includes('网格助手A') && s.text.includes(what))

async function start(extra: Record<string, string>) {
  gw = startGridbot(
    stores,
    ORG,
    [
      { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint },
      { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint },
    ],
    extra,
  )
  await until('both accounts logged in', async () => {
    if (gw && gw.proc.exitCode !== null) throw new Error(`gridbot exited ${gw.proc.exitCode}: ${(await gw.exited).stderr.slice(-2000)}`)
    return (await stores.db.prisma.botAccount.count({ where: { state: 'logged_in' } })) === 2
  })
}

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair())
})
afterEach(async () => {
  await closeLoopbackPair({ stores, a, b }, gw)
  gw = null
})

describe('the canary and provider errors over a loopback puppet service', () => {
  it('a deaf account: found by the canary, the admins told once through the other account, its link restarted', async () => {
    await start({ GRIDBOT_CANARY_EVERY_MS: '4000', GRIDBOT_CANARY_WAIT_MS: '3000' })
    // The canary runs while bot-a hears: its nonces are posted in the admins' group, and it stays logged in.
    await until('a canary nonce posted by bot-a', async () => a.botSaid(ADMIN).some((s) => s.text.startsWith('gridbot canary ')))

    // A loaded machine can make a nonce miss twice before the test turns the account deaf (a deaf episode of its own,
    // told and recovered): what follows is counted from here.
    const toldBefore = told('收不到消息').length
    const recoveredBefore = told('已恢复在线').length
    const deafBefore = (await history()).filter((s) => s === 'deaf').length
    a.deaf()
    await until('bot-a found deaf', async () => (await history()).filter((s) => s === 'deaf').length > deafBefore)
    await until('the admins told through bot-b', async () => told('收不到消息').length > toldBefore)
    // Its link restarted: a login after the deaf mark; still deaf, so found deaf again, and the admins not told again.
    await until('bot-a restarted and found deaf again', async () => {
      const h = await history()
      const first = h.findIndex((s, i) => s === 'deaf' && h.slice(0, i + 1).filter((x) => x === 'deaf').length > deafBefore)
      return first >= 0 && h.slice(first).includes('logged_in') && h.slice(first).filter((s) => s === 'deaf').length >= 2
    })
    expect(told('收不到消息')).toHaveLength(toldBefore + 1)
    expect(told('已恢复在线')).toHaveLength(recoveredBefore)

    const heardBefore = told('又能收到消息').length
    a.deaf(false)
    await until('the admins told it hears again', async () => told('又能收到消息').length > heardBefore)
    await until('bot-a logged in', async () => (await history()).at(-1) === 'logged_in')
    const since = Date.now()
    a.say('wx_sup', COMMUNITY, '#今日')
    await until('bot-a answers again', async () => a.botSaid(COMMUNITY, since).length > 0)
    expect(told('收不到消息')).toHaveLength(toldBefore + 1)

    // No nonce was ever taken for a message: nothing of the canary in the inbox.
    const inbox = await stores.db.prisma.inboxMessage.findMany()
    expect(inbox.length).toBeGreaterThan(0)
    expect(inbox.filter((m) => JSON.stringify(m.payload).includes('gridbot canary'))).toEqual([])
  })

  it('a send refused as logged out (WorkPro 23060): state and alert through the other account, link restarted, the post sent after', async () => {
    await start({})
    a.failSends(23060)
    a.say('wx_sup', COMMUNITY, '#今日')
    await until('bot-a marked logged out', async () => (await history()).includes('logged_out'))
    await until('the admins told through bot-b', async () => told('退出登录').length > 0)
    a.failSends(null)
    await until('the reply sent once sends are accepted', async () => a.botSaid(COMMUNITY).length > 0)
    const h = await history()
    expect(h.slice(h.indexOf('logged_out'))).toContain('logged_in')
    expect(told('退出登录')).toHaveLength(1)
    // Nothing went to the people of the grid meanwhile (the alert went to the admins' group only).
    expect(a.botSaid(GRID)).toEqual([])
  })
})
