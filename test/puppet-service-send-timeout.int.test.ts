// A send that never returns, over real gRPC: the loopback service holds bot-a's next send without an answer (a stalled
// provider, a half-open link). Past GRIDBOT_SEND_TIMEOUT_MS (small here) the send counts as failed: the account's link
// is taken for dead (recorded, restarted), and the held post and the one queued behind it both go out, each once —
// the account's queue does not stand still. Behaviour only: never elapsed time (waits only end hangs).
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestStores } from './helpers/stores.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, type LoopbackService } from './helpers/loopback.ts'
import { until } from './helpers/wait.ts'

const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-org.yaml')
const GRID = 'grid1@chatroom'

let stores: TestStores
let a: LoopbackService
let b: LoopbackService
let gw: ReturnType<typeof startGridbot> | null = null

const state = async (id: string) => (await stores.db.prisma.botAccount.findUnique({ where: { id } }))?.state

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair())
})

afterEach(async () => {
  await closeLoopbackPair({ stores, a, b }, gw)
  gw = null
})

describe('a send that never returns', () => {
  it('fails after the bound: the link restarts, the held post and the later one go out, each once', async () => {
    gw = startGridbot(
      stores,
      ORG,
      [
        { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint },
        { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint },
      ],
      { GRIDBOT_SEND_TIMEOUT_MS: '2000' },
    )
    await until(
      'both accounts logged in',
      async () => {
        if (gw && gw.proc.exitCode !== null) throw new Error(`gridbot exited ${gw.proc.exitCode}: ${(await gw.exited).stderr.slice(-2000)}`)
        return (await state('bot-a')) === 'logged_in' && (await state('bot-b')) === 'logged_in'
      },
      180_000,
    )
    a.hangSends(1)
    a.say('wx_cadre', GRID, '#签到 巡查 7户')
    a.say('wx_cadre', GRID, '#签到 走访 8户')
    await until('a send held without an answer', async () => a.hung.length === 1, 60_000)
    // The grid's posts go out through bot-a once its link is back, or through bot-b (which serves the grid too).
    const replies = (n: string) => [...a.botSaid(GRID), ...b.botSaid(GRID)].filter((s) => s.text.includes('签到成功') && s.text.includes(n))
    await until('both replies out', async () => replies('7户').length > 0 && replies('8户').length > 0, 120_000)
    expect(replies('7户')).toHaveLength(1)
    expect(replies('8户')).toHaveLength(1)
    // The hung send was taken for a dead link: recorded (the admins are told as of any lost link).
    const events = await stores.db.prisma.accountEvent.findMany({ where: { accountId: 'bot-a', state: 'disconnected' } })
    expect(events.some((e) => e.detail?.includes('did not return'))).toBe(true)
    expect(a.hung).toHaveLength(1)
  })
})
