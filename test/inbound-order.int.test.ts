// One group's messages are handled in the order they arrived across two worker processes, through a retry and
// through a worker killed in the middle of a message. Real processes (`gridbot start --role worker`), real
// PostgreSQL, Redis and Wechaty mock; the gateway (and its paced sender) runs in this process.
//
// Faults are made in the test's own database, never in the app: a trigger on "Task" fails (or holds) the first
// insert of one title. A sequence counts the firings because nextval() survives the rollback of the failed
// transaction; the retry then inserts normally. A held insert waits for an advisory lock the test holds (advisory locks
// are per database: this test's only) until it lets go: it stays in flight for as long as the test needs, however
// slowly a loaded machine lets the test get there.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { Queue } from 'bullmq'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { importOrg } from '../src/app/org-import.ts'
import { startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { createRedis } from '../src/jobs/queues.ts'
import { conversationOf, inboundQueueName, shardOf } from '../src/jobs/inbound.ts'
import { freshStores } from './helpers/stores.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { spawnWorker, workerEnv } from './helpers/worker-process.ts'
import { until } from './helpers/wait.ts'

const _root = path.resolve(import.meta.dirname, '..')
const GRID = '华府社区5号网格群'
const COMMUNITY = '华府社区群'

/** The advisory lock a held insert waits for (faultOnce's hold/release). */
const HOLD_KEY = 4242
/** Holds the first insert of a task with this title until `release()` (with `hold()` called first). */
const HOLD = `PERFORM pg_advisory_xact_lock(${HOLD_KEY})`

/** The first insert of a task with this title runs `action` (raise, or HOLD), in this test's database only. */
async function faultOnce(dbUrl: string, title: string, action: string) {
  const c = new pg.Client({ connectionString: dbUrl })
  await c.connect()
  await c.query(`CREATE SEQUENCE test_fault_once`)
  await c.query(`CREATE FUNCTION test_fault_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.title = '${title}' AND nextval('test_fault_once') = 1 THEN ${action}; END IF;
      RETURN NEW;
    END $$`)
  await c.query(`CREATE TRIGGER test_fault_once BEFORE INSERT ON "Task" FOR EACH ROW EXECUTE FUNCTION test_fault_once()`)
  return {
    /** How many times the trigger saw that title (1: only the faulty attempt so far; 2: the retry came). */
    firings: async () => Number((await c.query(`SELECT last_value, is_called FROM test_fault_once`)).rows.map((r) => (r.is_called ? r.last_value : 0))[0]),
    /** From now on a HOLD action waits… */
    hold: async () => void (await c.query(`SELECT pg_advisory_lock(${HOLD_KEY})`)),
    /** …until this. */
    release: async () => void (await c.query(`SELECT pg_advisory_unlock(${HOLD_KEY})`)),
    close: () => c.end(),
  }
}

/** The demo district, a gateway here (sender paced so replies leave in queue order) and worker processes to start. */
async function district() {
  const stores = await freshStores()
  const spec = await loadOrgFile(DEMO_ORG)
  await importOrg(stores.db.prisma, spec)
  const log = createLogger('silent')
  const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'order-media-')))
  const gateway = await startApp({
    role: 'gateway',
    env: stores.env,
    infra: stores.infra,
    log,
    makeTransport: world.transport,
    pace: { messagesPerSec: 50, jitterMs: 0 },
  })
  await world.populate(stores.db.prisma)
  const env = workerEnv(stores)
  const workers: ChildProcess[] = []
  const startWorker = () => workers[workers.push(spawnWorker(env)) - 1]!
  const shardQueue = (room: string) => {
    const { accountId, roomId } = world.room(room)
    const name = inboundQueueName(shardOf(conversationOf({ accountId, roomId, talkerId: '' }), stores.env.GRIDBOT_INBOUND_SHARDS))
    return new Queue(name, { connection: createRedis(stores.redisUrl), prefix: stores.prefix })
  }
  /** Every reply in `room` so far, in the order the room saw them. */
  const said = (room: string, marker: string) => world.transcript.filter((l) => l.self && l.room === room && l.text.includes(marker)).map((l) => l.text)
  const close = async () => {
    for (const w of workers) w.kill('SIGKILL')
    await gateway.stop()
    await stores.cleanup()
  }
  return { stores, world, startWorker, shardQueue, said, close }
}

/** T1…Tn were created from 标题1…标题n, and their replies came back in that order. */
async function expectTasksInOrder(d: Awaited<ReturnType<typeof district>>, n: number) {
  const tasks = await d.stores.db.prisma.task.findMany({ orderBy: { number: 'asc' } })
  expect(tasks.map((t) => `T${t.number} ${t.title}`)).toEqual(Array.from({ length: n }, (_, i) => `T${i + 1} 标题${i + 1}`))
  const replies = d.said(GRID, '已创建任务').map((t) => `${/已创建任务 (T\d+)/.exec(t)![1]} ${/「(.+?)」/.exec(t)![1]}`)
  expect(replies).toEqual(tasks.map((t) => `T${t.number} ${t.title}`))
}

describe('one group in order across worker processes', () => {
  it('keeps a backlog in order through two workers and a retried message', async () => {
    const TASKS = 40
    const d = await district()
    const fault = await faultOnce(d.stores.dbUrl, '标题7', `RAISE EXCEPTION 'test fault: first attempt of 标题7 fails'`)
    try {
      // The backlog builds up while no worker runs: a task group and a check-in group, sent interleaved.
      for (let i = 1; i <= TASKS; i++) {
        d.world.say(d.world.person('李佳鑫'), GRID, `#任务 标题${i}`)
        d.world.say(d.world.person('王书记'), COMMUNITY, `#签到 议事 ${i}户`)
      }
      const grid = d.shardQueue(GRID)
      await until('the backlog queued', async () => d.world.pending() === 0 && (await grid.getWaitingCount()) >= TASKS)
      d.startWorker()
      d.startWorker()
      await until(
        'every task and check-in',
        async () => (await d.stores.db.prisma.task.count()) === TASKS && (await d.stores.db.prisma.checkin.count()) === TASKS,
      )
      await until('every reply', async () => d.said(GRID, '已创建任务').length === TASKS && d.said(COMMUNITY, '签到成功').length === TASKS, 20_000)
      expect(await fault.firings()).toBe(2) // 标题7 failed once and was retried
      await expectTasksInOrder(d, TASKS)
      const checkins = await d.stores.db.prisma.checkin.findMany({ orderBy: { id: 'asc' } })
      expect(checkins.map((c) => c.households)).toEqual(Array.from({ length: TASKS }, (_, i) => i + 1))
      expect(d.said(COMMUNITY, '签到成功').map((t) => Number(/您今日第 (\d+) 次/.exec(t)![1]))).toEqual(Array.from({ length: TASKS }, (_, i) => i + 1))
      const byProcess = new Map<string, number>()
      for (const j of await grid.getCompleted(0, -1)) byProcess.set(j.processedBy ?? '?', (byProcess.get(j.processedBy ?? '?') ?? 0) + 1)
      console.log('[inbound-order] group jobs by process:', Object.fromEntries(byProcess))
      await grid.close()
    } finally {
      await fault.close()
      await d.close()
    }
  })

  it("runs a killed worker's message before the group's next ones, on the other worker", async () => {
    const TASKS = 24
    const d = await district()
    // 标题10's first insert is held until the worker running it is killed: the kill lands while it is in flight.
    // (A 4 s stall did not always: a test starved that long saw it in flight, then killed the worker after it moved on.)
    const fault = await faultOnce(d.stores.dbUrl, '标题10', HOLD)
    await fault.hold()
    try {
      for (let i = 1; i <= TASKS; i++) d.world.say(d.world.person('李佳鑫'), GRID, `#任务 标题${i}`)
      const grid = d.shardQueue(GRID)
      await until('the backlog queued', async () => d.world.pending() === 0 && (await grid.getWaitingCount()) >= TASKS)
      const workers = [d.startWorker(), d.startWorker()]
      let holder: string | undefined
      await until('标题10 in flight', async () => {
        const active = (await grid.getActive()).find((j) => j.data.text === '#任务 标题10')
        holder = active?.processedBy
        return holder !== undefined && (await fault.firings()) === 1
      })
      const victim = workers.find((w) => holder!.endsWith(`:${w.pid}`))!
      const survivor = workers.find((w) => w !== victim)!
      victim.kill('SIGKILL')
      await until('the victim gone', async () => victim.exitCode !== null || victim.signalCode !== null)
      // Its transaction cannot commit now (its client is gone): let the held insert go, so that it ends.
      await fault.release()
      await until('every task', async () => (await d.stores.db.prisma.task.count()) === TASKS, 60_000)
      await until('every reply', async () => d.said(GRID, '已创建任务').length === TASKS, 20_000)
      await expectTasksInOrder(d, TASKS)
      // The stalled message and every one after it ran on the surviving process.
      // A job is marked completed after its reply may already be out: wait for the marks, not just the replies.
      const completedFromTen = async () => (await grid.getCompleted(0, -1)).filter((j) => Number(/标题(\d+)/.exec(j.data.text)![1]) >= 10)
      await until('every job from 标题10 on marked completed', async () => (await completedFromTen()).length >= TASKS - 9)
      const after = await completedFromTen()
      expect(after).toHaveLength(TASKS - 9)
      expect(after.filter((j) => !j.processedBy?.endsWith(`:${survivor.pid}`)).map((j) => j.data.text)).toEqual([])
      await grid.close()
    } finally {
      await fault.close()
      await d.close()
    }
  })

  it('goes on in order after Redis forgot everything (FLUSHALL)', async () => {
    const d = await district()
    const prisma = d.stores.db.prisma
    try {
      d.startWorker()
      d.startWorker()
      for (let i = 1; i <= 5; i++) d.world.say(d.world.person('李佳鑫'), GRID, `#任务 标题${i}`)
      await until('the first tasks and replies', async () => (await prisma.task.count()) === 5 && d.said(GRID, '已创建任务').length === 5)
      const r = createRedis(d.stores.redisUrl)
      const keys = await r.keys(`${d.stores.prefix}:*`)
      await r.del(...keys) // FLUSHALL of this test's keys: the shards' global concurrency is gone too
      for (let i = 6; i <= 30; i++) d.world.say(d.world.person('李佳鑫'), GRID, `#任务 标题${i}`)
      await until('every task', async () => (await prisma.task.count()) === 30)
      await until('every reply', async () => d.said(GRID, '已创建任务').length === 30, 20_000)
      await expectTasksInOrder(d, 30)
      const grid = d.shardQueue(GRID)
      expect(await grid.getGlobalConcurrency()).toBe(1)
      await grid.close()
      r.disconnect()
    } finally {
      await d.close()
    }
  })
})
