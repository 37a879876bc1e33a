// A worker process killed (SIGKILL) in the middle of escalations and started again: every step is posted
// exactly once. Real processes, real time (policy periods of 2 s), real PostgreSQL, Redis and Wechaty mock.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { importOrg } from '../src/app/org-import.ts'
import { startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { freshStores } from './helpers/stores.ts'
import { Redis } from 'ioredis'
import { redisOptions } from '../src/config/redis-url.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { spawnWorker, workerEnv } from './helpers/worker-process.ts'
import { pipelineIdle, until } from './helpers/wait.ts'

const _root = path.resolve(import.meta.dirname, '..')
const TASKS = 8

/** The demo district with 2-second escalation periods, a gateway in this process and worker processes. */
async function district() {
  const stores = await freshStores()
  const spec = await loadOrgFile(DEMO_ORG)
  spec.policies = { escalation: { urgent: '2s', normal: '2s' }, quietHours: false }
  await importOrg(stores.db.prisma, spec)
  const log = createLogger('silent')
  const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'crash-media-')))
  const gateway = await startApp({ role: 'gateway', env: stores.env, infra: stores.infra, log, makeTransport: world.transport, pace: null })
  await world.populate(stores.db.prisma)
  const env = workerEnv(stores)
  const startWorker = () => spawnWorker(env)
  /** Each escalation level posted exactly once per task, in the database and in the groups. */
  const assertEachStepOnce = async () => {
    const prisma = stores.db.prisma
    const events = await prisma.taskEvent.findMany({ where: { kind: 'escalated' } })
    const tasks = await prisma.task.findMany()
    for (const t of tasks)
      expect(
        events
          .filter((e) => e.taskId === t.id)
          .map((e) => e.level)
          .sort(),
      ).toEqual([0, 1, 2, 3])
    const said = (room: string, marker: string) => world.transcript.filter((l) => l.self && l.room === room && l.text.includes(marker))
    for (const t of tasks) {
      const id = new RegExp(`T${t.number}「`)
      expect(said('华府社区5号网格群', '无人认领').filter((l) => id.test(l.text))).toHaveLength(1)
      expect(said('华府社区群', '第1级').filter((l) => id.test(l.text))).toHaveLength(1)
      expect(said('人和路街道工作群', '第2级').filter((l) => id.test(l.text))).toHaveLength(1)
      expect(said('二七区网格总群', '第3级').filter((l) => id.test(l.text))).toHaveLength(1)
    }
  }
  const allAtDistrict = (n: number) =>
    until('every task at the district', async () => (await stores.db.prisma.task.count({ where: { escalationLevel: 3, nextEscalationAt: null } })) === n)
  const delivered = () => until('posts delivered', async () => world.pending() === 0 && (await pipelineIdle(gateway, stores.db.prisma)))
  let worker: ChildProcess = startWorker()
  const restartWorker = () => {
    worker.kill('SIGKILL')
    worker = startWorker()
  }
  const close = async () => {
    worker.kill('SIGKILL')
    await gateway.stop()
    await stores.cleanup()
  }
  return { stores, world, restartWorker, assertEachStepOnce, allAtDistrict, delivered, close }
}

describe('worker killed mid-escalation', () => {
  it('posts each escalation step exactly once after a restart', async () => {
    const { stores, world, restartWorker, assertEachStepOnce, allAtDistrict, delivered, close } = await district()
    const prisma = stores.db.prisma
    try {
      for (let i = 1; i <= TASKS; i++) world.say(world.person('李佳鑫'), '华府社区5号网格群', `#任务 第${i}项隐患排查 紧急`)
      await until('tasks created', async () => (await prisma.task.count()) === TASKS)
      await until('first escalations', async () => (await prisma.taskEvent.count({ where: { kind: 'escalated' } })) > 0)
      restartWorker()
      await until('a second-level step', async () => (await prisma.taskEvent.count({ where: { kind: 'escalated', level: 2 } })) > 0)
      restartWorker()
      await allAtDistrict(TASKS)
      await delivered()
      await assertEachStepOnce()
    } finally {
      await close()
    }
  })

  it('restores pending escalations after a Redis FLUSHALL and a worker restart', async () => {
    const { stores, world, restartWorker, assertEachStepOnce, allAtDistrict, delivered, close } = await district()
    const prisma = stores.db.prisma
    try {
      for (let i = 1; i <= 4; i++) world.say(world.person('李佳鑫'), '华府社区5号网格群', `#任务 第${i}项 紧急`)
      await until('tasks created', async () => (await prisma.task.count()) === 4)
      const r = new Redis(redisOptions(stores.redisUrl) as never)
      const keys = await r.keys(`${stores.prefix}:*`)
      await r.del(...keys) // FLUSHALL of this test's keys: every timer and the sweeper's schedule are gone
      r.disconnect()
      restartWorker()
      await allAtDistrict(4)
      await delivered()
      await assertEachStepOnce()
    } finally {
      await close()
    }
  })

  it('drains and exits 0 on SIGTERM', async () => {
    const stores = await freshStores()
    const worker = spawnWorker(workerEnv(stores, { LOG_LEVEL: 'info' }), 'pipe')
    let out = ''
    worker.stdout!.on('data', (b) => (out += b))
    try {
      await until('worker started', async () => out.includes('worker started'), 30_000)
      const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)))
      worker.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(out).toContain('stopping: draining in-flight jobs')
    } finally {
      worker.kill('SIGKILL')
      await stores.cleanup()
    }
  })
})
