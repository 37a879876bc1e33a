// Escalation timing at district scale: 1,000 claimed tasks with staggered deadlines in the generated district
// (1,159 groups, 8 bot accounts); how late each overdue post lands behind its due time, outbound pacing off.
// Then the sweeper: FLUSHALL with 1,000 escalations pending, and the time until every timer is back.
// Baselines in the same run: bare BullMQ delayed jobs (same count, same spread) and a bare addBulk re-creation.
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { systemClock } from '../src/core/clock.ts'
import { Effects } from '../src/core/effects.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadEnv } from '../src/config/env.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { importOrg } from '../src/app/org-import.ts'
import { orgRepo } from '../src/kernel/org/org.repo.ts'
import { claimTask } from '../src/capabilities/tasks/task-claim.ts'
import { createTask } from '../src/capabilities/tasks/task-create.ts'
import { closeWorker, createRedis } from '../src/jobs/queues.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import { startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { benchStores, percentile } from './stores.ts'

export interface EscalationFigures {
  tasks: number
  lateness: { p50: number; p99: number; max: number; posted: number }
  baselineLateness: { p50: number; p99: number; max: number }
  restore: { seconds: number; restored: number; baselineSeconds: number }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function benchEscalation(opts: { tasks: number; spreadMs: number; leadMs: number }): Promise<EscalationFigures> {
  const stores = await benchStores(24)
  const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034 })
  // The benchmark runs at any hour: quiet hours would hold the posts it measures.
  spec.policies = { quietHours: false }
  await importOrg(stores.db.prisma, spec)
  const log = createLogger('silent')
  const env = loadEnv({ GRIDBOT_QUEUE_PREFIX: 'bench', LOG_LEVEL: 'silent' })
  const world = new SimWorld(spec, systemClock, log, '/tmp/gridbot-bench-media')
  const app = await startApp({ role: 'all', env, infra: stores.infra, log, makeTransport: world.transport, pace: null, concurrency: 32 })
  await world.populate(stores.db.prisma)
  const prisma = stores.db.prisma
  const cadres = spec.members.flatMap((m) => (m.role === 'grid_cadre' && m.wxid ? [{ ...m, wxid: m.wxid }] : []))

  // Deadlines staggered over the spread, starting `leadMs` from now; the overdue post is due at the deadline.
  const due = new Map<number, number>()
  const seen = new Map<number, number>()
  world.onLine((l) => {
    if (!l.self || !l.text.includes('已超过截止时间')) return
    const n = Number(/T(\d+)「/.exec(l.text)?.[1])
    if (!seen.has(n)) seen.set(n, Date.now())
  })
  const t0 = Date.now() + opts.leadMs
  for (let i = 0; i < opts.tasks; i++) {
    const c = cadres[i % cadres.length]!
    const actor = (await orgRepo.memberByWxid(prisma, c.wxid))!
    const room = (await prisma.room.findFirst({ where: { topic: c.rooms[0]! }, include: { unit: true } }))!
    const effects = new Effects()
    const deadline = new Date(t0 + Math.round((i * opts.spreadMs) / opts.tasks))
    const now = new Date()
    await prisma.$transaction(async (tx) => {
      const op = { db: tx, effects, now, actor, room, messageId: `bench-${i}` }
      const task = await createTask(op, { title: `隐患排查${i}`, urgent: false, deadline, notify: [] })
      await claimTask(op, { number: task.number, label: `T${task.number}` })
      due.set(task.number, deadline.getTime())
    })
    await effects.flush(app.outbox, app.timers)
  }
  if (Date.now() > t0) throw new Error('setup took longer than the lead time: raise leadMs')
  const end = t0 + opts.spreadMs + 30_000
  while (seen.size < opts.tasks && Date.now() < end) await sleep(200)
  const late = [...seen.entries()].map(([n, at]) => at - due.get(n)!).sort((a, b) => a - b)

  // Sweeper: 1,000 unclaimed tasks are waiting for their first escalation (due in 10 minutes) when Redis is flushed.
  await prisma.task.updateMany({
    data: {
      status: 'open',
      holderId: null,
      nextReminderAt: null,
      escalationKind: 'unclaimed',
      escalationLevel: -1,
      nextEscalationAt: new Date(Date.now() + 600_000),
    },
  })
  const redis = new Redis(redisOptions(stores.infra.redisUrl) as never)
  await redis.flushall()
  const flushedAt = Date.now()
  let restored = 0
  while (Date.now() - flushedAt < 120_000) {
    restored = (await app.timers.queue.getDelayed()).filter((j) => j.name === 'escalate').length
    if (restored >= opts.tasks) break
    await sleep(100)
  }
  const restoreSeconds = (Date.now() - flushedAt) / 1000
  await app.stop()

  // Baselines on the same Redis: bare delayed jobs with the same spread; bare addBulk of the same count.
  const base = await bareDelayed(stores.infra.redisUrl, opts)
  const q = new Queue('bench-bare-restore', { connection: createRedis(stores.infra.redisUrl) })
  const b0 = Date.now()
  await q.addBulk(Array.from({ length: opts.tasks }, (_, i) => ({ name: 'x', data: { i }, opts: { jobId: `r${i}`, delay: 600_000 } })))
  const baselineSeconds = (Date.now() - b0) / 1000
  await q.close()
  redis.disconnect()
  await stores.stop()
  return {
    tasks: opts.tasks,
    lateness: { p50: percentile(late, 50), p99: percentile(late, 99), max: late[late.length - 1] ?? NaN, posted: seen.size },
    baselineLateness: base,
    restore: { seconds: restoreSeconds, restored, baselineSeconds },
  }
}

async function bareDelayed(url: string, opts: { tasks: number; spreadMs: number; leadMs: number }) {
  const q = new Queue('bench-bare', { connection: createRedis(url) })
  const late: number[] = []
  const w = new Worker('bench-bare', async (job) => void late.push(Date.now() - job.data.due), { connection: createRedis(url), concurrency: 32 })
  const t0 = Date.now() + 5_000
  await q.addBulk(
    Array.from({ length: opts.tasks }, (_, i) => {
      const dueAt = t0 + Math.round((i * opts.spreadMs) / opts.tasks)
      return { name: 'x', data: { due: dueAt }, opts: { delay: dueAt - Date.now() } }
    }),
  )
  while (late.length < opts.tasks && Date.now() < t0 + opts.spreadMs + 30_000) await sleep(200)
  await closeWorker(w)
  await q.close()
  await (q.opts.connection as Redis).quit()
  late.sort((a, b) => a - b)
  return { p50: percentile(late, 50), p99: percentile(late, 99), max: late[late.length - 1] ?? NaN }
}
