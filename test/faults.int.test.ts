// The fault suite: nothing anyone reports is lost. A gateway (this process, real Wechaty on the mock) and a worker
// process share their own PostgreSQL and Redis; a burst of check-ins and needs is sent, and in the middle of it, in
// turn: the worker is killed (SIGKILL), Redis is flushed, Redis restarts, PostgreSQL restarts, the gateway restarts.
// Then every message has exactly one record and at least one confirmation, and repeated confirmations are counted
// (0, except in the one documented window: a crash between room.say and marking the outbox row sent).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadEnv } from '../src/config/env.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import { openDatabase, type Database } from '../src/db/client.ts'
import { importOrg } from '../src/app/org-import.ts'
import type { Infra } from '../src/infra.ts'
import { startApp, type App } from '../src/main.ts'
import { startPostgresServer, type PostgresServer } from '../src/runtime/postgres-server.ts'
import { startRedisServer, type RedisServer } from '../src/runtime/redis-server.ts'
import { SimWorld } from '../src/sim/world.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { pipelineIdle } from './helpers/wait.ts'

const root = path.resolve(import.meta.dirname, '..')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const BURST = 200
/** The fault comes when this many of the burst's messages are handled: in the middle of the work. */
const FAULT_AT = 60
/** Who sends, where: the demo district's people in their own grid or community group. */
const SENDERS = [
  ['李佳鑫', '华府社区5号网格群'],
  ['小杨', '华府社区5号网格群'],
  ['陈晓', '华府社区6号网格群'],
  ['周敏', '正商社区1号网格群'],
  ['王书记', '华府社区群'],
  ['吴书记', '正商社区群'],
] as const

let pgServer: PostgresServer
let redisDir: string
let redis: RedisServer
let dbSeq = 0

beforeAll(async () => {
  pgServer = await startPostgresServer()
  redisDir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-faults-redis-'))
  redis = await startRedisServer({ dir: redisDir })
})
afterAll(async () => {
  await redis?.stop()
  await pgServer?.stop()
  rmSync(redisDir, { recursive: true, force: true })
})

// Like helpers/wait.ts's (a bound only ends a hang: never under 4 minutes), but a check that throws (PostgreSQL or
// Redis restarting) counts as not yet.
async function until(what: string, check: () => Promise<boolean>, ms = 90_000) {
  const end = Date.now() + Math.max(ms, 240_000)
  while (Date.now() < end) {
    if (await check().catch(() => false)) return
    await sleep(200)
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** A fresh database on this file's PostgreSQL, the demo district, a gateway here and a worker process. */
async function district() {
  const name = `faults_${++dbSeq}`
  const admin = new pg.Client({ connectionString: pgServer.url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const dbUrl = pgServer.url.replace(/\/postgres$/, `/${name}`)
  const db: Database = await openDatabase({ url: dbUrl })
  await db.migrate()
  const prefix = `f${dbSeq}`
  const tuning = { GRIDBOT_RATE_LIMIT_PER_MINUTE: '0', GRIDBOT_SWEEP_EVERY_MS: '2000', GRIDBOT_REDELIVER_AFTER_MS: '3000', GRIDBOT_JOB_LOCK_MS: '10000' }
  const env = loadEnv({
    DATABASE_URL: dbUrl,
    REDIS_URL: redis.url,
    GRIDBOT_QUEUE_PREFIX: prefix,
    GRIDBOT_AUTO_MIGRATE: 'false',
    LOG_LEVEL: 'silent',
    ...tuning,
  })
  const spec = await loadOrgFile(DEMO_ORG)
  await importOrg(db.prisma, spec)
  const log = createLogger('silent')
  const infra: Infra = { db, redisUrl: redis.url, embedded: { database: false, redis: false }, close: async () => undefined }
  const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'faults-media-')))
  const startGateway = async () => {
    const app = await startApp({ role: 'gateway', env, infra, log, makeTransport: world.transport, pace: null })
    await world.populate(db.prisma)
    return app
  }
  let gateway: App = await startGateway()
  const workerEnv = {
    ...process.env,
    GRIDBOT_NO_DOTENV: '1',
    DATABASE_URL: dbUrl,
    REDIS_URL: redis.url,
    GRIDBOT_QUEUE_PREFIX: prefix,
    GRIDBOT_AUTO_MIGRATE: 'false',
    LOG_LEVEL: 'fatal',
    GRIDBOT_HTTP_PORT: '0',
    ...tuning,
  }
  const startWorker = () =>
    spawn(process.execPath, [path.join(root, 'bin/gridbot.js'), 'start', '--role', 'worker'], { env: workerEnv, stdio: ['ignore', 'ignore', 'inherit'] })
  let worker: ChildProcess = startWorker()

  const handled = () => db.prisma.inboxMessage.count({ where: { handledAt: { not: null } } })
  /**
   * Sends the burst: mostly check-ins (the hot path), every fourth a need (a transaction). The fault comes once
   * FAULT_AT of them are handled, while the rest are still being sent, queued and handled; sending pauses while the
   * fault is injected (a gateway that is down receives nothing from the mock WeChat).
   */
  const burst = async (fault: () => Promise<void>) => {
    // The worker process is up and handling before the burst starts.
    world.say(world.person('李佳鑫'), '华府社区5号网格群', '#我的')
    await until('the worker handling messages', async () => (await handled()) === 1, 60_000)
    const sent: { kind: 'checkin' | 'need'; from: string; marker: string }[] = []
    let faultDue = false
    let handledAtFault = -1
    const inject = async () => {
      handledAtFault = await handled()
      await fault()
    }
    const watch = (async () => {
      while (!(faultDue = (await handled()) > FAULT_AT)) await sleep(10)
    })()
    for (let i = 0; i < BURST; i++) {
      if (faultDue && handledAtFault < 0) await inject()
      const [from, room] = SENDERS[i % SENDERS.length]!
      const marker = `故障演练${i}`
      const need = i % 4 === 3
      world.say(world.person(from), room, need ? `#需求 ${marker}` : `#签到 走访 ${(i % 9) + 1}户 ${marker}`)
      sent.push({ kind: need ? 'need' : 'checkin', from, marker })
      if (i % 2 === 1) await sleep(10)
    }
    await watch
    if (handledAtFault < 0) await inject() // all sent before the worker got that far: the fault still hits mid-work
    expect(handledAtFault, 'the fault came while messages were being handled').toBeLessThanOrEqual(BURST) // of BURST + 1 with the probe
    return sent
  }

  /** Waits until every message is handled and every confirmation sent, then checks records and confirmations. */
  const settleAndCheck = async (sent: Awaited<ReturnType<typeof burst>>) => {
    const prisma = db.prisma
    const checkins = sent.filter((s) => s.kind === 'checkin').length
    const needs = sent.length - checkins
    // Generous waits: on a loaded 2-core machine the recovery (flush noticed, sweep, redelivery) takes longer; the test
    // checks that everything arrives exactly once, not how fast.
    await until('every message recorded', async () => (await prisma.checkin.count()) + (await prisma.need.count()) >= sent.length, 150_000)
    await until(
      'every confirmation sent, nothing left in flight',
      async () => (await prisma.outboxMessage.count({ where: { sentAt: null } })) === 0 && world.pending() === 0 && (await pipelineIdle(gateway, prisma)),
      150_000,
    )
    // Exactly one record per message.
    expect(await prisma.checkin.count()).toBe(checkins)
    expect(await prisma.need.count()).toBe(needs)
    const notes = (await prisma.checkin.findMany({ select: { note: true } })).map((c) => c.note)
    expect(new Set(notes).size).toBe(checkins)
    expect(await prisma.inboxMessage.count({ where: { handledAt: null } })).toBe(0)
    expect(await handled()).toBe(sent.length + 1) // and the probe
    // At least one confirmation each; repeats counted.
    const bot = world.transcript.filter((l) => l.self).map((l) => l.text)
    let repeats = 0
    for (const s of sent.filter((x) => x.kind === 'need')) {
      const n = bot.filter((t) => t.includes(`:${s.marker}\n`)).length
      expect(n, s.marker).toBeGreaterThanOrEqual(1)
      repeats += n - 1
    }
    // A check-in's confirmation is "@name … 您今日第 k 次": each k once per sender.
    for (const [from] of SENDERS) {
      const mine = sent.filter((s) => s.kind === 'checkin' && s.from === from).length
      const ks = bot.filter((t) => t.startsWith(`@${from} ✅ 签到成功`)).map((t) => Number(/您今日第 (\d+) 次/.exec(t)?.[1]))
      expect(new Set(ks), from).toEqual(new Set(Array.from({ length: mine }, (_, k) => k + 1)))
      repeats += ks.length - mine
    }
    return { repeats }
  }

  const close = async () => {
    worker.kill('SIGKILL')
    await gateway.stop()
    await db.close()
  }
  return {
    db,
    world,
    burst,
    settleAndCheck,
    close,
    killWorker: () => {
      worker.kill('SIGKILL')
      worker = startWorker()
    },
    restartGateway: async () => {
      await gateway.stop()
      gateway = await startGateway()
    },
    flushRedis: async () => {
      const r = new Redis(redisOptions(redis.url) as never)
      await r.flushall()
      r.disconnect()
    },
  }
}

describe('nothing lost under faults (gateway + worker process, burst of 200)', () => {
  const cases: [string, (d: Awaited<ReturnType<typeof district>>) => Promise<void>, number][] = [
    // [fault, how, repeated confirmations allowed]
    ['the worker killed (SIGKILL) and started again', async (d) => d.killWorker(), 2],
    ['Redis flushed (FLUSHALL)', (d) => d.flushRedis(), 0],
    [
      'Redis restarted',
      async () => {
        await redis.stop()
        redis = await startRedisServer({ dir: redisDir })
      },
      0,
    ],
    ['PostgreSQL restarted', async () => pgServer.restart(), 0],
    ['the gateway restarted', (d) => d.restartGateway(), 0],
  ]
  it.each(cases)('%s', async (name, fault, allowedRepeats) => {
    const d = await district()
    try {
      const sent = await d.burst(() => fault(d))
      const { repeats } = await d.settleAndCheck(sent)
      console.log(`[faults] ${name}: ${sent.length} messages, every one recorded once and confirmed; repeated confirmations: ${repeats}`)
      expect(repeats).toBeLessThanOrEqual(allowedRepeats)
    } finally {
      await d.close()
    }
  })
})
