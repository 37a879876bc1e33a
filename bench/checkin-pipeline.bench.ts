// Check-ins through the whole pipeline — mock puppet → inbound queue → PostgreSQL → outbox → room.say observed on
// the mock — against a plain Wechaty echo bot on the same mock as the baseline.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { WechatyBuilder, type Message } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadEnv } from '../src/config/env.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { importOrg } from '../src/app/org-import.ts'
import { startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { benchStores, percentile } from './stores.ts'
import { measureCosts } from './burst-costs.ts'
import { checkinSender, type Sender } from './checkin-sender.ts'

export interface PipelineFigures {
  throughput: { messages: number; seconds: number; perSecond: number }
  latency: { rate: number; messages: number; p50: number; p99: number; max: number }
  /** Over the burst (gridbot only): Redis commands per check-in, Lua scripts' inner commands included. */
  redisPerCheckin?: number
  /** The same, by command (per check-in). */
  redisCommands?: Record<string, number>
  /** Over the burst (gridbot only): CPU ms per check-in of this process (gridbot + the mock WeChat), of worker
   * processes it started, of redis-server and of the PostgreSQL server (bench/burst-costs.ts). */
  cpuMsPerCheckin?: { node: number; workers: number; redis: number; postgres: number }
}

/** Offered load at `rate`/s for `count` messages; returns each message's reply latency (ms). */
export async function fixedRate(s: Sender, count: number, rate: number): Promise<number[]> {
  const sentAt = new Map<number, number>()
  const lat: number[] = []
  let done!: () => void
  const all = new Promise<void>((r) => (done = r))
  s.onReply((i) => {
    const t = sentAt.get(i)
    if (t === undefined) return
    sentAt.delete(i)
    lat.push(performance.now() - t)
    if (lat.length === count) done()
  })
  const t0 = performance.now()
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    sentAt.set(i, performance.now())
    s.say(i)
  }
  await Promise.race([all, new Promise((r) => setTimeout(r, 60_000))])
  return lat.sort((a, b) => a - b)
}

export async function burst(s: Sender, count: number): Promise<{ seconds: number }> {
  let n = 0
  let done!: () => void
  const all = new Promise<void>((r) => (done = r))
  s.onReply(() => ++n === count && done())
  const t0 = performance.now()
  for (let i = 0; i < count; i++) {
    s.say(i)
    if (i % 200 === 199) await new Promise((r) => setImmediate(r)) // let the gateway breathe, as a socket would
  }
  await Promise.race([all, new Promise((r) => setTimeout(r, 120_000))])
  return { seconds: (performance.now() - t0) / 1000 }
}

/** BENCH_CPU_PROFILE=<file>: a V8 CPU profile of this process over the burst only (bench/profile-summary.ts reads it). */
async function profileIfAsked(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_CPU_PROFILE
  if (!file) return async () => undefined
  const { Session } = await import('node:inspector/promises')
  const { writeFileSync } = await import('node:fs')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 200 })
  await session.post('Profiler.start')
  return async () => {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(file, JSON.stringify(profile))
    session.disconnect()
  }
}

/** A `gridbot start --role worker` process on the same stores: the documented way to use more cores. */
function spawnWorker(dbUrl: string, redisUrl: string, concurrency: number): ChildProcess {
  return spawn(process.execPath, [path.resolve('bin/gridbot.js'), 'start', '--role', 'worker'], {
    env: {
      ...process.env,
      GRIDBOT_NO_DOTENV: '1',
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      GRIDBOT_QUEUE_PREFIX: 'bench',
      GRIDBOT_RATE_LIMIT_PER_MINUTE: '0',
      GRIDBOT_WORKER_CONCURRENCY: String(concurrency),
      LOG_LEVEL: 'warn',
      GRIDBOT_AUTO_MIGRATE: 'false',
      GRIDBOT_HTTP_PORT: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

export async function benchGridbot(opts: {
  burst: number
  rate: number
  seconds: number
  workerProcesses: number
  durable?: boolean
}): Promise<PipelineFigures> {
  const stores = await benchStores(24, opts.durable ?? true)
  const spec = generateDistrict({ towns: 5, communities: 40, grids: 400, accounts: 1 })
  await importOrg(stores.db.prisma, spec)
  const log = createLogger('silent')
  const env = loadEnv({
    GRIDBOT_QUEUE_PREFIX: 'bench',
    GRIDBOT_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    GRIDBOT_INBOUND_SHARDS: process.env.BENCH_SHARDS ?? '16',
  })
  const world = new SimWorld(spec, systemClock, log, '/tmp/gridbot-bench-media')
  const workers = Array.from({ length: opts.workerProcesses }, () => spawnWorker(stores.dbUrl, stores.infra.redisUrl, 32))
  const app = await startApp({
    role: opts.workerProcesses ? 'gateway' : 'all',
    env,
    infra: stores.infra,
    log,
    makeTransport: world.transport,
    pace: null,
    concurrency: 48,
  })
  await world.populate(stores.db.prisma)
  const sender = checkinSender(world, spec, '基准测试')
  // Warm-up: connections, prepared plans, JIT.
  await fixedRate(sender, 200, 200)
  const profile = await profileIfAsked()
  // Counts per check-in are exact whatever the machine's load (INFO commandstats), unlike rates: always taken.
  const costs = await measureCosts(stores.db.prisma, stores.dbUrl, stores.infra.redisUrl)
  const b = await burst(sender, opts.burst)
  await profile()
  const spent = await costs(opts.burst)
  if (process.env.BENCH_COSTS === '1') console.log(JSON.stringify(spent))
  const lat = await fixedRate(sender, opts.rate * opts.seconds, opts.rate)
  const count = await stores.db.prisma.checkin.count()
  if (count < opts.burst + 200) throw new Error(`only ${count} check-ins recorded`)
  await app.stop()
  for (const w of workers) {
    const exited = new Promise((r) => w.once('exit', r))
    w.kill('SIGTERM')
    await exited
  }
  await stores.stop()
  return {
    throughput: { messages: opts.burst, seconds: b.seconds, perSecond: opts.burst / b.seconds },
    latency: { rate: opts.rate, messages: lat.length, p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat[lat.length - 1] ?? NaN },
    redisPerCheckin: spent.redisTotalPerMessage,
    redisCommands: spent.redisCommandsPerMessage,
    cpuMsPerCheckin: spent.cpuMsPerMessage,
  }
}

export async function benchEcho(opts: { burst: number; rate: number; seconds: number }): Promise<PipelineFigures> {
  const mocker = new mock.Mocker()
  const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) })
  bot.on('message', async (m: Message) => {
    if (m.self()) return
    await m.room()?.say(`echo ${m.text()}`)
  })
  let replyCb: (i: number) => void = () => undefined
  bot.on('message', (m: Message) => {
    if (m.self()) replyCb(Number(/#(\d+)/.exec(m.text())?.[1]))
  })
  await bot.start()
  const me = mocker.createContact({ name: 'echo-bot' })
  mocker.login(me)
  const user = mocker.createContact({ name: 'user' })
  const room = mocker.createRoom({ topic: 'echo', memberIdList: [me.id, user.id], id: 'echo@chatroom' } as never)
  const sender: Sender = { say: (i) => user.say(`#${i} 签到`).to(room), onReply: (cb) => (replyCb = cb) }
  await fixedRate(sender, 200, 200)
  const b = await burst(sender, opts.burst)
  const lat = await fixedRate(sender, opts.rate * opts.seconds, opts.rate)
  await bot.stop()
  return {
    throughput: { messages: opts.burst, seconds: b.seconds, perSecond: opts.burst / b.seconds },
    latency: { rate: opts.rate, messages: lat.length, p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat[lat.length - 1] ?? NaN },
  }
}
