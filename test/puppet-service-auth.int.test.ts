// A token the service refuses never starts working: the gateway says so in Chinese and exits non-zero within a
// bounded time, and the token is never written to its output. A token shared by two accounts is refused at start.
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { accountConnections, maskToken } from '../src/config/account-connections.ts'
import type { TestStores } from './helpers/stores.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, stopGridbot, type LoopbackService } from './helpers/loopback.ts'
import { HANG_MS } from './helpers/wait.ts'

const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-org.yaml')
/** GRIDBOT_AUTH_GIVE_UP_MS in this test, and how long after the first refusal the process must be gone (the give-up,
 *  a retry, the stop). Counted from the refusal, not from the spawn: how long a loaded machine takes to start the
 *  process is no part of the bound. */
const GIVE_UP_MS = 5_000
const EXIT_BOUND_MS = 60_000

let stores: TestStores
let a: LoopbackService
let b: LoopbackService

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair())
})

afterEach(async () => {
  await closeLoopbackPair({ stores, a, b })
})

describe('puppet-service tokens', () => {
  it('a wrong token: the gateway exits non-zero with a clear Chinese error within the bound, the token never printed', async () => {
    const wrong = 'insecure_wrongtoken9'
    const gw = startGridbot(
      stores,
      ORG,
      [
        { id: 'bot-a', token: wrong, endpoint: a.endpoint },
        { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint },
      ],
      { GRIDBOT_AUTH_GIVE_UP_MS: String(GIVE_UP_MS), LOG_LEVEL: 'info' },
    )
    // Only ends a hang (a gateway retrying for ever): it must exit on its own, with the give-up's code.
    const t = setTimeout(() => gw.proc.kill('SIGKILL'), HANG_MS)
    const r = await gw.exited
    clearTimeout(t)
    expect(r.code).toBe(78)
    const refusedAt = (await stores.db.prisma.accountEvent.findFirstOrThrow({ where: { accountId: 'bot-a', state: 'failed_auth' }, orderBy: { at: 'asc' } })).at
    console.log(`[loopback] wrong token → exit ${r.code} ${((r.at - refusedAt.getTime()) / 1000).toFixed(1)} s after the first refusal`)
    expect(r.at - refusedAt.getTime()).toBeLessThanOrEqual(EXIT_BOUND_MS)
    expect(r.stderr).toContain('账号 bot-a 的 puppet-service token 一直被拒绝')
    expect(r.stderr).toContain('GRIDBOT_ACCOUNT_BOT_A_TOKEN') // which variable to fix
    expect(r.stderr).not.toContain(wrong)
    expect(r.stderr).not.toContain(b.cfg.token)
    expect(r.stderr).toContain(maskToken(wrong))
    // The refusal is in the account's history.
    const history = await stores.db.prisma.accountEvent.findMany({ where: { accountId: 'bot-a' } })
    expect(history.map((h) => h.state)).toContain('failed_auth')
    expect(history.every((h) => !(h.detail ?? '').includes(wrong))).toBe(true)
  })

  it('one token for two accounts is refused at start', async () => {
    const gw = startGridbot(stores, ORG, [
      { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint },
      { id: 'bot-b', token: a.cfg.token, endpoint: a.endpoint },
    ])
    const r = await gw.exited
    await stopGridbot(gw)
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('使用了同一个 token')
    expect(r.stderr).not.toContain(a.cfg.token)
    // The check itself, and the single-account form still accepted.
    expect(() => accountConnections(['x', 'y'], { WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_one' })).toThrow(
      expect.objectContaining({ code: 'ACCOUNT_TOKEN_REUSED', userMessage: expect.stringContaining('同一个 token') }),
    )
    expect(accountConnections(['x'], { WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_one', WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:1' })).toEqual([
      { accountId: 'x', token: 'insecure_one', endpoint: '127.0.0.1:1' },
    ])
  })
})
