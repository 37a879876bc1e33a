// /readyz's verdict: ready only with the database, Redis and every account up; each part named with its state.
import { describe, expect, it } from 'vitest'
import { readiness } from '../../src/http/readiness.ts'
import type { AccountStatus } from '../../src/transport/transport.ts'

const since = new Date('2026-11-23T00:00:00Z')
const up = async () => undefined
const down = async () => {
  throw new Error('connect ECONNREFUSED')
}
const account = (accountId: string, state: AccountStatus['state'], detail?: string): AccountStatus => ({
  accountId,
  state,
  since,
  ...(detail ? { detail } : {}),
})

describe('readiness', () => {
  it('is ready with everything up and every account logged in', async () => {
    const r = await readiness({ database: up, redis: up, accounts: () => [account('bot-01', 'logged_in'), account('bot-02', 'logged_in')] })
    expect(r.ready).toBe(true)
    expect(r.accounts.map((a) => [a.id, a.state, a.ok])).toEqual([
      ['bot-01', 'logged_in', true],
      ['bot-02', 'logged_in', true],
    ])
  })

  it('is not ready while one account is out, naming it', async () => {
    const r = await readiness({
      database: up,
      redis: up,
      accounts: () => [account('bot-01', 'logged_in'), account('bot-02', 'disconnected', 'watchdog reset')],
    })
    expect(r.ready).toBe(false)
    expect(r.accounts.find((a) => !a.ok)).toEqual({ id: 'bot-02', ok: false, state: 'disconnected', since: since.toISOString(), detail: 'watchdog reset' })
  })

  it('is not ready when the database or Redis fails, saying which', async () => {
    const db = await readiness({ database: down, redis: up, accounts: () => [] })
    expect(db).toMatchObject({ ready: false, database: { ok: false, error: 'connect ECONNREFUSED' }, redis: { ok: true } })
    const redis = await readiness({ database: up, redis: down, accounts: () => [] })
    expect(redis).toMatchObject({ ready: false, database: { ok: true }, redis: { ok: false } })
  })

  it('is not ready while the app is still starting, and never shows a QR code URL', async () => {
    expect(await readiness({ database: up, redis: up, accounts: () => null })).toMatchObject({ ready: false, starting: true })
    const r = await readiness({ database: up, redis: up, accounts: () => [account('bot-01', 'waiting_scan', 'https://login.example/qr?code=secret')] })
    expect(r.ready).toBe(false)
    expect(JSON.stringify(r)).not.toContain('qr?code')
  })

  it('a worker (no accounts) is ready with its stores up', async () => {
    expect((await readiness({ database: up, redis: up, accounts: () => [] })).ready).toBe(true)
  })
})
