// Worker processes on the Redis Cluster (REDIS_CLUSTER_NODES), as the fault suite runs them: a gateway here (real
// Wechaty on the mock), two `gridbot start --role worker` processes, a burst in two groups, and one worker killed
// (SIGKILL) in the middle and started again. Every message gets exactly one record, each group's messages are
// handled in the order they arrived, and repeated confirmations stay within the fault suite's allowance.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, inject } from 'vitest'
import { systemClock } from '../../src/core/clock.ts'
import { createLogger } from '../../src/core/logger.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { importOrg } from '../../src/app/org-import.ts'
import { startApp } from '../../src/main.ts'
import { SimWorld } from '../../src/sim/world.ts'
import { freshStores } from '../helpers/stores.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { spawnWorker, workerEnv } from '../helpers/worker-process.ts'
import { pipelineIdle, sleep, until } from '../helpers/wait.ts'

const GRID = '华府社区5号网格群'
const COMMUNITY = '华府社区群'
const N = 30
/** The worker is killed once this many messages are handled: in the middle of the burst. */
const KILL_AT = 20
/** As the fault suite allows for a killed worker: a crash between posting and marking the post sent. */
const ALLOWED_REPEATS = 2

/** The first of each text, in order (a repeated confirmation counted, not listed twice). */
const firsts = (texts: string[]) => texts.filter((t, i) => texts.indexOf(t) === i)

describe('worker processes on a Redis Cluster', () => {
  it('keeps every message once and each group in order, through a worker killed (SIGKILL) mid-burst', async () => {
    const stores = await freshStores({ redisUrl: inject('clusterUrl') })
    const spec = await loadOrgFile(DEMO_ORG)
    await importOrg(stores.db.prisma, spec)
    const log = createLogger('silent')
    const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'cluster-media-')))
    const gateway = await startApp({
      role: 'gateway',
      env: stores.env,
      infra: stores.infra,
      log,
      makeTransport: world.transport,
      pace: { messagesPerSec: 50, jitterMs: 0 },
    })
    await world.populate(stores.db.prisma)
    const env = workerEnv(stores, { GRIDBOT_SWEEP_EVERY_MS: '2000', GRIDBOT_REDELIVER_AFTER_MS: '3000' })
    const workers: ChildProcess[] = [spawnWorker(env), spawnWorker(env)]
    const prisma = stores.db.prisma
    const handled = () => prisma.inboxMessage.count({ where: { handledAt: { not: null } } })
    const said = (room: string, marker: string) => world.transcript.filter((l) => l.self && l.room === room && l.text.includes(marker)).map((l) => l.text)
    try {
      world.say(world.person('李佳鑫'), GRID, '#我的')
      await until('the workers handling messages', async () => (await handled()) === 1)
      let killed = false
      for (let i = 1; i <= N; i++) {
        if (!killed && (await handled()) > KILL_AT) {
          workers[0]!.kill('SIGKILL')
          workers.push(spawnWorker(env))
          killed = true
        }
        world.say(world.person('李佳鑫'), GRID, `#任务 标题${i}`)
        world.say(world.person('王书记'), COMMUNITY, `#签到 议事 ${i}户`)
        await sleep(20)
      }
      if (!killed) {
        await until('the burst half handled', async () => (await handled()) > KILL_AT)
        workers[0]!.kill('SIGKILL')
        workers.push(spawnWorker(env))
      }
      await until('every task and check-in', async () => (await prisma.task.count()) === N && (await prisma.checkin.count()) === N)
      await until('every reply', async () => firsts(said(GRID, '已创建任务')).length === N && said(COMMUNITY, '签到成功').length >= N)
      await until('nothing left in flight', () => pipelineIdle(gateway, prisma))

      // Exactly one record each, in the order sent.
      const tasks = await prisma.task.findMany({ orderBy: { number: 'asc' } })
      expect(tasks.map((t) => `T${t.number} ${t.title}`)).toEqual(Array.from({ length: N }, (_, i) => `T${i + 1} 标题${i + 1}`))
      const checkins = await prisma.checkin.findMany({ orderBy: { id: 'asc' } })
      expect(checkins.map((c) => c.households)).toEqual(Array.from({ length: N }, (_, i) => i + 1))
      expect(await prisma.inboxMessage.count({ where: { handledAt: null } })).toBe(0)
      // Replies in that order too; repeats counted.
      const taskReplies = said(GRID, '已创建任务')
      expect(firsts(taskReplies).map((t) => `${/已创建任务 (T\d+)/.exec(t)![1]} ${/「(.+?)」/.exec(t)![1]}`)).toEqual(
        tasks.map((t) => `T${t.number} ${t.title}`),
      )
      const ks = said(COMMUNITY, '签到成功').map((t) => Number(/您今日第 (\d+) 次/.exec(t)![1]))
      expect(firsts(ks.map(String)).map(Number)).toEqual(Array.from({ length: N }, (_, i) => i + 1))
      const repeats = taskReplies.length - N + (ks.length - N)
      console.log(`[cluster workers] ${2 * N} messages through a killed worker: each recorded once, in order; repeated confirmations: ${repeats}`)
      expect(repeats).toBeLessThanOrEqual(ALLOWED_REPEATS)
    } finally {
      for (const w of workers) w.kill('SIGKILL')
      await gateway.stop()
      await stores.cleanup()
    }
  })
})
