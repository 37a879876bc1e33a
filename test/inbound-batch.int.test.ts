// A job taking along its shard's waiting messages (GRIDBOT_INBOUND_BATCH, jobs/shard-drain.ts): two groups on one
// shard, a backlog built while no worker runs, and the worker killed while a message taken along is in flight. The
// next worker redoes what was cut off (or finds it handled): every message handled once, each group in order, each confirmation once.
// Real worker processes, PostgreSQL, Redis and the Wechaty mock; the gateway runs in this process.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { Queue } from 'bullmq'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import type { Env } from '../src/config/env.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { importOrg } from '../src/app/org-import.ts'
import { startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { createRedis } from '../src/jobs/queues.ts'
import { inboundQueueName } from '../src/jobs/inbound.ts'
import { freshStores } from './helpers/stores.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { spawnWorker, workerEnv } from './helpers/worker-process.ts'
import { until } from './helpers/wait.ts'

const GRID = '华府社区5号网格群'
const COMMUNITY = '华府社区群'
const N = 16
const STALLED = 9

describe('a job taking along other groups’ waiting messages', () => {
  it('loses nothing and doubles nothing when its worker is killed mid-batch', async () => {
    const stores = await freshStores()
    const spec = await loadOrgFile(DEMO_ORG)
    await importOrg(stores.db.prisma, spec)
    const log = createLogger('silent')
    const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'batch-media-')))
    // One shard: both groups' messages in one list, so a job of one group takes the other's along.
    const env = { ...stores.env, GRIDBOT_INBOUND_SHARDS: 1, GRIDBOT_INBOUND_BATCH: 64 } as Env
    const gateway = await startApp({ role: 'gateway', env, infra: stores.infra, log, makeTransport: world.transport, pace: null })
    await world.populate(stores.db.prisma)
    const wEnv = workerEnv(stores, {
      GRIDBOT_INBOUND_SHARDS: '1',
      GRIDBOT_INBOUND_BATCH: '64',
      GRIDBOT_SWEEP_EVERY_MS: '2000',
      // A lock that outlasts a loaded machine's pauses: the grid's job holds the shard while the check-ins are taken along.
      GRIDBOT_JOB_LOCK_MS: '10000',
      GRIDBOT_REDELIVER_AFTER_MS: '3000',
    })
    const workers: ChildProcess[] = []
    // The first insert of the check-in of STALLED households waits for an advisory lock this test holds until it has
    // killed the worker running it (advisory locks are per database: this test's only): the kill lands while it is in
    // flight. (A 4 s stall did not always: a test starved that long killed the worker after it had moved on.)
    const c = new pg.Client({ connectionString: stores.dbUrl })
    await c.connect()
    await c.query(`SELECT pg_advisory_lock(${STALLED})`)
    await c.query(`CREATE SEQUENCE test_stall_once`)
    await c.query(`CREATE FUNCTION test_stall_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.households = ${STALLED} AND nextval('test_stall_once') = 1 THEN PERFORM pg_advisory_xact_lock(${STALLED}); END IF;
        RETURN NEW;
      END $$`)
    await c.query(`CREATE TRIGGER test_stall_once BEFORE INSERT ON "Checkin" FOR EACH ROW EXECUTE FUNCTION test_stall_once()`)
    const firings = async () =>
      Number((await c.query(`SELECT last_value, is_called FROM test_stall_once`)).rows.map((r) => (r.is_called ? r.last_value : 0))[0])
    const shard = new Queue(inboundQueueName(0), { connection: createRedis(stores.redisUrl), prefix: stores.prefix })
    const said = (room: string, marker: string) => world.transcript.filter((l) => l.self && l.room === room && l.text.includes(marker)).map((l) => l.text)
    try {
      // The grid's message first: its job is the one taking the community group's check-ins along.
      world.say(world.person('李佳鑫'), GRID, '#我的')
      await until('the first message queued', async () => world.pending() === 0 && (await shard.getWaitingCount()) === 1)
      for (let i = 1; i <= N; i++) {
        world.say(world.person('李佳鑫'), GRID, `#任务 标题${i}`)
        world.say(world.person('王书记'), COMMUNITY, `#签到 议事 ${i}户`)
      }
      await until('the backlog queued', async () => world.pending() === 0 && (await shard.getWaitingCount()) >= 2 * N + 1)
      const first = spawnWorker(wEnv)
      workers.push(first)
      // The stalled check-in is in flight, taken along: the shard's active job is another message (a task's).
      await until('the stalled check-in in flight', async () => (await firings()) === 1)
      expect((await shard.getActive()).map((j) => j.data.text)).toEqual(['#我的'])
      first.kill('SIGKILL')
      await until('the first worker gone', async () => first.exitCode !== null || first.signalCode !== null)
      // The held insert may go on now (its worker is dead): it ends, committed or not.
      await c.query(`SELECT pg_advisory_unlock(${STALLED})`)
      workers.push(spawnWorker(wEnv))
      const prisma = stores.db.prisma
      await until('every task and check-in', async () => (await prisma.task.count()) === N && (await prisma.checkin.count()) === N)
      await until('every confirmation', async () => said(GRID, '已创建任务').length >= N && said(COMMUNITY, '签到成功').length >= N)
      await until('every job completed', async () => (await shard.getCompletedCount()) === 2 * N + 1)
      // The stalled check-in is one statement: PostgreSQL may finish it after its worker died (then the second worker
      // finds it handled) or not (then it records it). Either way, once.
      // Once each, each group in order.
      const tasks = await prisma.task.findMany({ orderBy: { number: 'asc' } })
      expect(tasks.map((t) => t.title)).toEqual(Array.from({ length: N }, (_, i) => `标题${i + 1}`))
      const checkins = await prisma.checkin.findMany({ orderBy: { id: 'asc' } })
      expect(checkins.map((x) => x.households)).toEqual(Array.from({ length: N }, (_, i) => i + 1))
      // Each confirmation once. Not necessarily in order: one whose record the dead worker's statement committed goes
      // out through the sweeper (as with one job a message), after the group's next ones.
      const ks = said(COMMUNITY, '签到成功').map((t) => Number(/您今日第 (\d+) 次/.exec(t)![1]))
      expect(ks.sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1))
      expect(said(GRID, '已创建任务')).toHaveLength(N)
      expect(await prisma.inboxMessage.count({ where: { handledAt: null } })).toBe(0)
    } finally {
      await shard.close()
      await c.end()
      for (const w of workers) w.kill('SIGKILL')
      await gateway.stop()
      await stores.cleanup()
    }
  })
})
