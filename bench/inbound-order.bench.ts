// Which way of keeping one group's messages in order across worker processes costs less (issue #6, item 4)?
//   (a) shards: `inbound` split into N queues by a hash of the group, each with BullMQ global concurrency 1,
//       every process consuming every shard; a failing job is retried inside the job (the shard stays blocked).
//   (b) hand-off: one queue, a per-group sequence number given at enqueue (INCR); a job that is not its group's
//       next is put back with moveToDelayed + DelayedError; BullMQ's own retry with backoff.
//   (none) one queue, no cross-process order (what we had: order only inside one process).
// Pure BullMQ on a private redis-server, two consumer processes, a simulated 2 ms handler; not part of
// `npm run bench`. Run: node bin/run-ts.js bench/inbound-order.bench.ts
// Measured 2026-11-22 (2 cores, noisy VM): messages/s, out-of-order, Redis commands per message
//                      4000 over 400 groups   300 in one group        60 in one group, one retried
//   none               2400-2500/s            1600-2200/s, 7-9 out    2-3 out of order
//   (a) 16 shards      1030-1460/s, 58 cmd    270-300/s, 41 cmd       0.7 s (the 0.5 s backoff), 0 out
//   (a) 32 shards      1210/s, 54 cmd         290/s                   0.7 s
//   (b) redelay 20 ms  1740-2210/s, 37 cmd    32-40/s, 3,200 cmd      1.8-2.1 s, 1,600-2,400 bounces
//   (b) redelay 100 ms 1500/s                 13/s, 3,300 cmd         5 s
// (b) is cheaper while groups are sparse but collapses on one group's backlog (every job not next bounces).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DelayedError, Queue, Worker, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import { redisOptions } from '../src/config/redis-url.ts'
import { startRedisServer } from '../src/runtime/redis-server.ts'

type Design = 'a' | 'b' | 'none'
interface Msg {
  g: string
  n: number
  seq?: number
}
const SHARDS = Number(process.env.ORDER_SHARDS ?? 16)
const CONCURRENCY = 16
const WORK_MS = 2
const REDELAY_MS = Number(process.env.ORDER_REDELAY_MS ?? 20)
const BACKOFF_MS = 500
const ATTEMPTS = 3
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const redis = (url: string) => new Redis(redisOptions(url, { maxRetriesPerRequest: null }) as never)
const shardOf = (g: string) => {
  let h = 0
  for (const c of g) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0
  return h % SHARDS
}
const queueNames = (d: Design) => (d === 'a' ? Array.from({ length: SHARDS }, (_, i) => `a-${i}`) : [`${d}-inbound`])

/** A consumer process: handles each message (2 ms), records it, fails the marked one once. */
async function consume(design: Design, url: string) {
  const r = redis(url)
  let bounces = 0
  const handle = async (m: Msg) => {
    if (m.n === FAIL_N && (await r.set(`failed-once:${m.g}`, '1', 'NX'))) throw new Error('forced failure')
    await sleep(WORK_MS)
    await r.rpush(`done:${m.g}`, m.n)
  }
  const workers: Worker[] = []
  const opts = { connection: redis(url), prefix: 'ord' }
  if (design === 'a') {
    for (const name of queueNames('a'))
      workers.push(
        new Worker<Msg>(
          name,
          async (job) => {
            for (let attempt = 1; ; attempt++) {
              try {
                return await handle(job.data)
              } catch (e) {
                if (attempt >= ATTEMPTS) throw e
                await sleep(BACKOFF_MS * 2 ** (attempt - 1))
              }
            }
          },
          { ...opts, concurrency: 1 },
        ),
      )
  } else {
    workers.push(
      new Worker<Msg>(
        queueNames(design)[0]!,
        async (job: Job<Msg>, token?: string) => {
          if (design === 'none') return handle(job.data)
          const key = `next:${job.data.g}`
          const next = Number((await r.get(key)) ?? 1)
          if (job.data.seq! < next) return
          if (job.data.seq! > next) {
            bounces++
            await job.moveToDelayed(Date.now() + REDELAY_MS, token)
            throw new DelayedError()
          }
          try {
            await handle(job.data)
          } catch (e) {
            if (job.attemptsMade + 1 < ATTEMPTS) throw e
          }
          await r.set(key, job.data.seq! + 1)
        },
        { ...opts, concurrency: CONCURRENCY },
      ),
    )
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()))
  await r.incr('ready')
  process.on('SIGTERM', async () => {
    await r.incrby('bounces', bounces)
    await Promise.all(workers.map((w) => w.close()))
    process.exit(0)
  })
}

/** The message (number) that fails on its first attempt in the retry scenario; 0: none. */
const FAIL_N = Number(process.env.ORDER_FAIL_N ?? 0)

async function scenario(url: string, design: Design, name: string, msgs: Msg[]) {
  const r = redis(url)
  await r.flushall()
  const queues = queueNames(design).map(
    (q) =>
      new Queue<Msg>(q, {
        connection: r,
        prefix: 'ord',
        defaultJobOptions: { attempts: design === 'a' ? 1 : ATTEMPTS, backoff: { type: 'fixed', delay: BACKOFF_MS }, removeOnComplete: true },
      }),
  )
  if (design === 'a') await Promise.all(queues.map((q) => q.setGlobalConcurrency(1)))
  const failN = name.includes('retried') ? '10' : '0'
  const here = fileURLToPath(import.meta.url)
  const kids: ChildProcess[] = [0, 1].map(() =>
    spawn(process.execPath, [path.resolve('bin/run-ts.js'), here, 'consume', design, url], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ORDER_FAIL_N: failN },
    }),
  )
  while (Number(await r.get('ready')) < 2) await sleep(20)
  const cmds0 = await commands(r)
  const t0 = performance.now()
  for (let i = 0; i < msgs.length; i += 500) {
    const batch = msgs.slice(i, i + 500)
    if (design === 'b') for (const m of batch) m.seq = await r.incr(`seq:${m.g}`)
    if (design === 'a') {
      const byShard = new Map<number, Msg[]>()
      for (const m of batch) byShard.set(shardOf(m.g), [...(byShard.get(shardOf(m.g)) ?? []), m])
      await Promise.all([...byShard].map(([s, ms]) => queues[s]!.addBulk(ms.map((data) => ({ name: 'm', data })))))
    } else await queues[0]!.addBulk(batch.map((data) => ({ name: 'm', data })))
  }
  const groups = [...new Set(msgs.map((m) => m.g))]
  for (;;) {
    const counts = await Promise.all(groups.map((g) => r.llen(`done:${g}`)))
    if (counts.reduce((a, b) => a + b, 0) >= msgs.length) break
    await sleep(5)
  }
  const seconds = (performance.now() - t0) / 1000
  const cmds = (await commands(r)) - cmds0
  let outOfOrder = 0
  for (const g of groups) {
    const done = (await r.lrange(`done:${g}`, 0, -1)).map(Number)
    for (let i = 1; i < done.length; i++) if (done[i]! < done[i - 1]!) outOfOrder++
  }
  await Promise.all(
    kids.map(
      (k) =>
        new Promise((res) => {
          k.once('exit', res)
          k.kill('SIGTERM')
        }),
    ),
  )
  const bounces = Number(await r.get('bounces'))
  await Promise.all(queues.map((q) => q.close()))
  r.disconnect()
  const row = {
    design,
    scenario: name,
    messages: msgs.length,
    seconds: +seconds.toFixed(2),
    perSecond: Math.round(msgs.length / seconds),
    outOfOrder,
    bounces,
    redisCommandsPerMessage: +(cmds / msgs.length).toFixed(1),
  }
  console.log(JSON.stringify(row))
  return row
}

async function commands(r: Redis): Promise<number> {
  return Number(/total_commands_processed:(\d+)/.exec(await r.info('stats'))![1])
}

if (process.argv[2] === 'consume') {
  await consume(process.argv[3] as Design, process.argv[4]!)
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'order-bench-'))
  const server = await startRedisServer({ dir })
  const spread = () => Array.from({ length: 4000 }, (_, i) => ({ g: `room-${i % 400}@chatroom`, n: Math.floor(i / 400) + 1 }))
  const oneGroup = (n: number) => Array.from({ length: n }, (_, i) => ({ g: 'busy@chatroom', n: i + 1 }))
  const designs = (process.env.ORDER_DESIGNS ?? 'none,a,b').split(',') as Design[]
  try {
    for (const d of designs) {
      await scenario(server.url, d, '4000 over 400 groups', spread())
      await scenario(server.url, d, '300 in one group', oneGroup(300))
      await scenario(server.url, d, '60 in one group, #10 retried', oneGroup(60))
    }
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  process.exit(0)
}
