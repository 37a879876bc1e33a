// Issue #25: one gateway per account, with a hot standby. Two `gridbot start` processes for the same accounts (same
// tokens, database and Redis) over the loopback puppet services: the second waits as a standby while the first holds
// the accounts' leases (it never connects, so nobody is kicked off), every message is answered once; when the holder
// is SIGKILLed the standby takes the leases over within 30 s and answers, each message still once. `gridbot accounts`
// names the holder.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestStores } from './helpers/stores.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, stopGridbot, type LoopbackService } from './helpers/loopback.ts'
import { sleep, until } from './helpers/wait.ts'
import { workerEnv } from './helpers/worker-process.ts'
import { Redis } from 'ioredis'
import { redisOptions } from '../src/config/redis-url.ts'
import { leaseHolders } from '../src/outbound/account-lease.ts'

const run = promisify(execFile) as unknown as (file: string, args: string[], opts: { env: NodeJS.ProcessEnv }) => Promise<{ stdout: string }>
const root = path.resolve(import.meta.dirname, '..')
const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-org.yaml')
const GRID = 'grid1@chatroom'
/** The bound for a standby taking over after the holder died. */
const TAKEOVER_MS = 30_000

let stores: TestStores
let a: LoopbackService
let b: LoopbackService
const gws: ReturnType<typeof startGridbot>[] = []

const state = async (id: string) => (await stores.db.prisma.botAccount.findUnique({ where: { id } }))?.state
const accounts = async () =>
  String((await run(process.execPath, [path.join(root, 'bin/gridbot.js'), 'accounts'], { env: workerEnv(stores, { LOG_LEVEL: 'silent' }) })).stdout)
const holderOf = (listing: string, id: string) => new RegExp(`^${id}\\t.*\\t([^\\t]+/(\\d+)/[0-9a-f]+) #\\d+$`, 'm').exec(listing)?.[2]

const start = () => {
  const gw = startGridbot(stores, ORG, [
    { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint },
    { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint },
  ])
  gws.push(gw)
  return gw
}
const alive = async () => {
  for (const gw of gws)
    if (gw.proc.exitCode !== null && gw.proc.signalCode === null) throw new Error(`gridbot exited: ${(await gw.exited).stderr.slice(-2000)}`)
}

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair())
})
afterEach(async () => {
  for (const gw of gws.splice(0)) await stopGridbot(gw)
  await closeLoopbackPair({ stores, a, b })
})

/** Check-ins from..to, each answered exactly once (by whichever gateway serves bot-a). */
async function checkins(from: number, to: number) {
  for (let i = from; i <= to; i++) a.say('wx_cadre', GRID, `#签到 走访 ${i}户`)
  const replies = () => [...a.botSaid(GRID), ...b.botSaid(GRID)].filter((s) => s.text.includes('签到成功'))
  await until(
    `replies ${from}..${to}`,
    async () => {
      await alive()
      return new Set(replies().map((s) => /走访 (\d+)户/.exec(s.text)?.[1])).size >= to
    },
    60_000,
  )
  await sleep(3_000) // a second gateway answering too would have by now
  for (let i = 1; i <= to; i++) expect(replies().filter((r) => r.text.includes(`走访 ${i}户`)).length, `replies to #${i}`).toBe(1)
  expect(await stores.db.prisma.checkin.count()).toBe(to)
}

describe('a second gateway for the same accounts', () => {
  it('stands by while the holder lives, takes over within 30 s of its SIGKILL, and every message is answered once', async () => {
    const first = start()
    await until(
      'both accounts online',
      async () => {
        await alive()
        return (await state('bot-a')) === 'logged_in' && (await state('bot-b')) === 'logged_in'
      },
      180_000,
    )
    const second = start()
    // The second one is up (its worker handles messages too) but holds no lease: the first is named for both.
    await sleep(15_000)
    await alive()
    const before = await accounts()
    expect(holderOf(before, 'bot-a'), before).toBe(String(first.proc.pid))
    expect(holderOf(before, 'bot-b'), before).toBe(String(first.proc.pid))
    await checkins(1, 5)
    // Still the first: the standby never took a lease (the accounts were never kicked off).
    const during = await accounts()
    expect(holderOf(during, 'bot-a')).toBe(String(first.proc.pid))
    expect(await stores.db.prisma.accountEvent.count({ where: { state: { in: ['logged_out', 'disconnected'] } } })).toBe(0)

    const killedAt = Date.now()
    first.proc.kill('SIGKILL')
    // Read from Redis directly for the time (the CLI takes seconds to start); then `gridbot accounts` says the same.
    const redis = new Redis(redisOptions(stores.redisUrl) as never)
    const byStandby = (h: Map<string, { holder: string }>) => ['bot-a', 'bot-b'].every((id) => h.get(id)?.holder.split('/')[1] === String(second.proc.pid))
    await until('the standby holds both leases', async () => byStandby(await leaseHolders(redis, stores.prefix, ['bot-a', 'bot-b'])), TAKEOVER_MS + 30_000)
    const tookMs = Date.now() - killedAt
    redis.disconnect()
    const after = await accounts()
    expect(holderOf(after, 'bot-a'), after).toBe(String(second.proc.pid))
    console.log(`[lease] standby took over ${(tookMs / 1000).toFixed(1)} s after the holder's SIGKILL`)
    expect(tookMs).toBeLessThanOrEqual(TAKEOVER_MS)
    await until(
      'bot-a online through the standby',
      async () => {
        const ev = await stores.db.prisma.accountEvent.findFirst({ where: { accountId: 'bot-a', at: { gt: new Date(killedAt) } }, orderBy: { id: 'desc' } })
        return ev?.state === 'logged_in'
      },
      60_000,
    )
    await checkins(6, 10)
  })
})
