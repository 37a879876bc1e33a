// The sweeper restoring 10,000 timers after FLUSHALL (issue #26, at city size): 10,000 open tasks of the generated
// district wait for their first escalation (due in 10 minutes) when Redis is flushed; measured: the time until every
// escalation is a delayed job again (a worker notices the flush by its marker key, re-creates the sweeper's schedule
// and sweeps at once). Baseline in the same run: a bare BullMQ addBulk of as many delayed jobs on the same Redis.
// The tasks go in with one INSERT … SELECT (the escalation bench makes its 1,000 through the commands).
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadEnv } from '../src/config/env.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { importOrg } from '../src/app/org-import.ts'
import { createRedis } from '../src/jobs/queues.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import { startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { benchStores } from './stores.ts'

export interface RestoreFigures {
  timers: number
  restored: number
  seconds: number
  baselineSeconds: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function benchSweeperRestore(opts: { timers: number }): Promise<RestoreFigures> {
  const stores = await benchStores(24)
  const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034 })
  spec.policies = { quietHours: false }
  const prisma = stores.db.prisma
  await importOrg(prisma, spec)
  const log = createLogger('silent')
  const env = loadEnv({ GRIDBOT_QUEUE_PREFIX: 'bench', LOG_LEVEL: 'silent' })
  const world = new SimWorld(spec, systemClock, log, '/tmp/gridbot-bench-media')
  const app = await startApp({ role: 'all', env, infra: stores.infra, log, makeTransport: world.transport, pace: null, concurrency: 32 })
  await world.populate(prisma)
  const district = (await prisma.unit.findFirst({ where: { kind: 'district' } }))!
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Task" ("districtId", "number", "unitId", "roomId", "title", "status", "creatorId", "createdAt",
      "escalationKind", "escalationLevel", "nextEscalationAt")
    SELECT ${district.id}, g + 1, c.unit, c.room, '修复路灯' || g, 'open', c.member, now(), 'unclaimed', -1, now() + interval '10 minutes'
    FROM generate_series(0, ${opts.timers - 1}) g
    JOIN (SELECT row_number() OVER (ORDER BY m."id") - 1 AS i, m."id" AS member, m."unitId" AS unit, r."id" AS room
          FROM "Member" m JOIN "Room" r ON r."unitId" = m."unitId" WHERE m."role" = 'grid_cadre') c
      ON c.i = g % (SELECT count(*) FROM "Member" m JOIN "Room" r ON r."unitId" = m."unitId" WHERE m."role" = 'grid_cadre')`)
  const redis = new Redis(redisOptions(stores.infra.redisUrl) as never)
  await redis.flushall()
  const flushedAt = Date.now()
  const escalations = async () => (await app.timers.queue.getDelayed()).filter((j) => j.name === 'escalate').length
  let restored = 0
  while (Date.now() - flushedAt < 300_000) {
    if ((await app.timers.queue.getDelayedCount()) >= opts.timers) {
      restored = await escalations()
      if (restored >= opts.timers) break
    }
    await sleep(200)
  }
  const seconds = (Date.now() - flushedAt) / 1000
  await app.stop()
  const q = new Queue('bench-bare-restore', { connection: createRedis(stores.infra.redisUrl) })
  const b0 = Date.now()
  await q.addBulk(Array.from({ length: opts.timers }, (_, i) => ({ name: 'x', data: { i }, opts: { jobId: `r${i}`, delay: 600_000 } })))
  const baselineSeconds = (Date.now() - b0) / 1000
  await q.close()
  await (q.opts.connection as Redis).quit()
  redis.disconnect()
  await stores.stop()
  return { timers: opts.timers, restored, seconds, baselineSeconds }
}
