// Issue #26: gateways that share accounts. Two `gridbot start --role gateway --accounts auto` processes (same tokens,
// database and Redis; a worker process of their own) split the two accounts of the loopback district between them
// with no account list per host; when the gateway serving bot-a is SIGKILLed, the other takes bot-a over (the issue
// says within 30 s: the time is printed, the wait only ends a hang), and every message is answered exactly once.
import type { ChildProcess } from 'node:child_process'
import path from 'node:path'
import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { redisOptions } from '../src/config/redis-url.ts'
import { leaseHolders } from '../src/outbound/account-lease.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, stopGridbot, type LoopbackService } from './helpers/loopback.ts'
import type { TestStores } from './helpers/stores.ts'
import { sleep, until } from './helpers/wait.ts'
import { spawnWorker, workerEnv } from './helpers/worker-process.ts'

const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-org.yaml')
const GRID = 'grid1@chatroom'
const ACCOUNTS = ['bot-a', 'bot-b']

let stores: TestStores
let a: LoopbackService
let b: LoopbackService
let worker: ChildProcess | null = null
const gws: ReturnType<typeof startGridbot>[] = []

const gateway = () => {
  const gw = startGridbot(
    stores,
    ORG,
    [
      { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint },
      { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint },
    ],
    {},
    ['--role', 'gateway', '--accounts', 'auto'],
  )
  gws.push(gw)
  return gw
}
const alive = async () => {
  for (const gw of gws)
    if (gw.proc.exitCode !== null && gw.proc.signalCode === null) throw new Error(`gridbot exited: ${(await gw.exited).stderr.slice(-2000)}`)
}
/** The pid holding each account's lease (absent: nobody). */
async function holders(): Promise<Map<string, string>> {
  const redis = new Redis(redisOptions(stores.redisUrl) as never)
  try {
    const h = await leaseHolders(redis, stores.prefix, ACCOUNTS)
    return new Map([...h].map(([id, x]) => [id, x.holder.split('/')[1]!]))
  } finally {
    redis.disconnect()
  }
}

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair())
  worker = spawnWorker(workerEnv(stores, { LOG_LEVEL: 'warn' }))
})
afterEach(async () => {
  for (const gw of gws.splice(0)) await stopGridbot(gw)
  worker?.kill('SIGKILL')
  await closeLoopbackPair({ stores, a, b })
})

/** Check-ins from..to in bot-a's grid group, each answered exactly once (by whichever gateway serves bot-a). */
async function checkins(from: number, to: number) {
  for (let i = from; i <= to; i++) a.say('wx_cadre', GRID, `#签到 走访 ${i}户`)
  const replies = () => [...a.botSaid(GRID), ...b.botSaid(GRID)].filter((s) => s.text.includes('签到成功'))
  await until(`replies ${from}..${to}`, async () => {
    await alive()
    return new Set(replies().map((s) => /走访 (\d+)户/.exec(s.text)?.[1])).size >= to
  })
  await sleep(3_000) // a second gateway answering too would have by now
  for (let i = 1; i <= to; i++) expect(replies().filter((r) => r.text.includes(`走访 ${i}户`)).length, `replies to #${i}`).toBe(1)
  expect(await stores.db.prisma.checkin.count()).toBe(to)
}

describe('gateways with --accounts auto', () => {
  it("split the accounts between them, and one takes over the other's when it dies", async () => {
    const first = gateway()
    const second = gateway()
    const pids = [String(first.proc.pid), String(second.proc.pid)]
    // One account each: whoever came first took both and gave one back when the other appeared.
    await until('one account held by each gateway', async () => {
      await alive()
      const h = await holders()
      return h.size === 2 && new Set(h.values()).size === 2 && [...h.values()].every((p) => pids.includes(p))
    })
    await until('both accounts online', async () => {
      const states = await stores.db.prisma.botAccount.findMany({ where: { id: { in: ACCOUNTS } } })
      return states.every((s) => s.state === 'logged_in')
    })
    await checkins(1, 5)

    const servingA = (await holders()).get('bot-a')
    const victim = servingA === pids[0] ? first : second
    const survivor = victim === first ? second : first
    const killedAt = Date.now()
    victim.proc.kill('SIGKILL')
    await until('the survivor holds both leases', async () => {
      const h = await holders()
      return ACCOUNTS.every((id) => h.get(id) === String(survivor.proc.pid))
    })
    console.log(`[gateway auto] bot-a taken over ${((Date.now() - killedAt) / 1000).toFixed(1)} s after its gateway's SIGKILL`)
    await until('bot-a online through the survivor', async () => {
      const ev = await stores.db.prisma.accountEvent.findFirst({ where: { accountId: 'bot-a', at: { gt: new Date(killedAt) } }, orderBy: { id: 'desc' } })
      return ev?.state === 'logged_in'
    })
    await checkins(6, 10)
  })
})
