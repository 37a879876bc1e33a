// gridbot over real gRPC: wechaty-puppet-service's PuppetServer serving a PuppetMock on 127.0.0.1 (one service process
// per bot account), `gridbot start` connecting with `insecure_` tokens and explicit endpoints (no discovery host).
// The service is killed and restarted under it; the gateway must answer again after the service's return, tell the
// admins' group of the outage and then of the recovery (each once) through the other account, and handle every
// message once. Behaviour only: the order of states and alerts, never elapsed time (waits only end hangs).
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestStores } from './helpers/stores.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, type LoopbackService } from './helpers/loopback.ts'
import { pipelineIdle, remoteQueues, sleep, until } from './helpers/wait.ts'

const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-org.yaml')
const GRID = 'grid1@chatroom'
const ADMIN = 'admin@chatroom'

let stores: TestStores
let a: LoopbackService
let b: LoopbackService
let gw: ReturnType<typeof startGridbot> | null = null

const state = async (id: string) => (await stores.db.prisma.botAccount.findUnique({ where: { id } }))?.state
/** Start-up (tsx compiling the app, migrations, two logins) is slow on a loaded 2-core machine: a generous wait, but a
 *  gateway that died is reported at once with its output. */
const bothOnline = () =>
  until(
    'both accounts logged in',
    async () => {
      if (gw && gw.proc.exitCode !== null) throw new Error(`gridbot exited ${gw.proc.exitCode}: ${(await gw.exited).stderr.slice(-2000)}`)
      return (await state('bot-a')) === 'logged_in' && (await state('bot-b')) === 'logged_in'
    },
    180_000,
  )

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair())
})

afterEach(async () => {
  await closeLoopbackPair({ stores, a, b }, gw)
  gw = null
})

const start = (extra: Record<string, string> = {}) => {
  gw = startGridbot(
    stores,
    ORG,
    [
      { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint },
      { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint },
    ],
    extra,
  )
}

/** After the service came back: `#今日` once a second until the bot answers (the answer comes after its return). */
async function answeringAgain(): Promise<void> {
  const back = a.listeningAt
  let asked = 0
  await until('an answer after the service returned', async () => {
    if (a.botSaid(GRID, back).length) return true
    if (asked++ % 10 === 0) a.say('wx_cadre', GRID, '#今日')
    return false
  })
}

/** `want` appears in `seen` in this order (other states may come between). */
const inOrder = (seen: string[], want: string[]) => want.reduce((at, w) => (at < 0 ? at : seen.indexOf(w, at) < 0 ? -1 : seen.indexOf(w, at) + 1), 0) >= 0

async function outage(downMs: number) {
  start()
  await bothOnline()
  a.say('wx_cadre', GRID, '#签到 巡查 3户')
  await until('the check-in reply over gRPC', async () => a.botSaid(GRID).some((s) => s.text.includes('签到成功') && s.text.includes('3户')), 30_000)
  expect(await stores.db.prisma.checkin.count()).toBe(1)

  await a.kill()
  await sleep(downMs)
  await a.start()
  await answeringAgain()

  // The admins' group (bot-b's) heard of the outage, then of the recovery: each once.
  await until('the recovery alert', async () => b.botSaid(ADMIN).some((s) => s.text.includes('已恢复在线')))
  const told = b.botSaid(ADMIN).filter((s) => s.text.includes('网格助手A'))
  const down = told.filter((s) => s.text.includes('中断') && !s.text.includes('已恢复在线'))
  const up = told.filter((s) => s.text.includes('已恢复在线'))
  expect(down, JSON.stringify(told.map((t) => t.text))).toHaveLength(1)
  expect(up).toHaveLength(1)
  expect(told.indexOf(down[0]!)).toBeLessThan(told.indexOf(up[0]!))
  // The account's history is in the database, in order: started, online, the link lost, online again.
  const history = (await stores.db.prisma.accountEvent.findMany({ where: { accountId: 'bot-a' }, orderBy: { id: 'asc' } })).map((h) => h.state)
  expect(inOrder(history, ['starting', 'logged_in', 'disconnected', 'logged_in']), history.join(' → ')).toBe(true)
  expect(history.at(-1)).toBe('logged_in')
  expect(await state('bot-a')).toBe('logged_in')
}

describe('gridbot over a loopback puppet service', () => {
  it('answers a check-in over gRPC, and answers again after a 5 s outage, the admins told of the outage then the recovery', async () => {
    await outage(5_000)
  })

  it('answers again after a 75 s outage (longer than the 60 s watchdog)', async () => {
    await outage(75_000)
  })

  it('handles every message of a burst once when the service is killed and restarted in the middle of it', async () => {
    start({ GRIDBOT_PACE_PER_SEC: '2' })
    await bothOnline()
    for (let i = 1; i <= 10; i++) a.say('wx_cadre', GRID, `#签到 走访 ${i}户`)
    // Killed while the bot is still answering the burst (2 replies a second).
    await until('the first replies', async () => a.botSaid(GRID).length >= 2, 30_000)
    await a.kill()
    await sleep(3_000)
    await a.start()
    await until('bot-a back', async () => (await state('bot-a')) === 'logged_in', 60_000)
    for (let i = 11; i <= 20; i++) a.say('wx_cadre', GRID, `#签到 走访 ${i}户`)
    await until('20 check-ins', async () => (await stores.db.prisma.checkin.count()) === 20, 60_000)
    // Every reply reached the group, none twice except the one that may have been on the wire when the service died
    // (README: the one window). Replies due while bot-a was away went out through bot-b, the group's backup account.
    const inGrid = () => [...a.botSaid(GRID), ...b.botSaid(GRID)].filter((s) => s.text.includes('签到成功'))
    await until('20 replies', async () => new Set(inGrid().map((s) => /走访 (\d+)户/.exec(s.text)?.[1])).size >= 20, 60_000)
    const replies = inGrid()
    for (let i = 1; i <= 20; i++) expect(replies.filter((r) => r.text.includes(`走访 ${i}户`)).length, `reply to #${i}`).toBeGreaterThanOrEqual(1)
    expect(replies.length).toBeLessThanOrEqual(21)
    console.log(`[loopback] burst: ${a.botSaid(GRID).length} replies through bot-a, ${b.botSaid(GRID).length} through its backup bot-b`)
    // Nothing left in flight (a redelivered message would be), then exactly one record per message.
    const deployment = remoteQueues(stores, ['bot-a', 'bot-b'])
    try {
      await until('nothing left in flight', () => pipelineIdle(deployment, stores.db.prisma))
    } finally {
      await deployment.close()
    }
    expect(await stores.db.prisma.checkin.count()).toBe(20)
    await until('outage and recovery told', async () => {
      const told = b.botSaid(ADMIN).map((s) => s.text)
      return told.some((t) => t.includes('中断')) && told.some((t) => t.includes('已恢复在线'))
    })
  })
})
