// One master of the Redis Cluster losing its data alone (FLUSHALL on that node only, as a master restarted without
// AOF comes back): the flush watch keeps a mark in every master's slots, so the workers notice within seconds and
// restore what that master held (the timers, the sweeper's schedule, the messages in its shards) with a full sweep,
// as after a FLUSHALL of every node. The regular sweep alone would not: it repairs only timers already late, and the
// sweeper's own marker lives on another master (the prefix is chosen so).
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { describe, expect, it, inject } from 'vitest'
import { clusterAuthOptions, clusterNodes } from '../../src/config/redis-url.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { systemClock } from '../../src/core/clock.ts'
import { createLogger } from '../../src/core/logger.ts'
import { importOrg } from '../../src/app/org-import.ts'
import { FlushWatch } from '../../src/jobs/flush-watch.ts'
import { keySlot } from '../../src/jobs/queue-slots.ts'
import { openRedis } from '../../src/jobs/redis-client.ts'
import { startApp } from '../../src/main.ts'
import { SimWorld } from '../../src/sim/world.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { freshStores } from '../helpers/stores.ts'
import { pipelineIdle, sleep, until } from '../helpers/wait.ts'
import { spawnWorker, workerEnv } from '../helpers/worker-process.ts'

const GRID = '华府社区5号网格群'
const COMMUNITY = '华府社区群'
const N = 20

type SlotRange = [number, number, [string, number, ...unknown[]], ...unknown[]]

/** host:port of the master holding `key`'s slot. */
async function masterOf(key: string): Promise<string> {
  const url = inject('clusterUrl')
  const r = openRedis(url)
  try {
    const ranges = (await r.call('CLUSTER', 'SLOTS')) as SlotRange[]
    const slot = keySlot(key)
    const hit = ranges.find(([a, b]) => slot >= a && slot <= b)
    return hit ? `${hit[2][0]}:${hit[2][1]}` : ''
  } finally {
    r.disconnect()
  }
}

/** FLUSHALL on the one master `node` (host:port). */
async function flushOne(node: string): Promise<void> {
  const n = clusterNodes(inject('clusterUrl')).find((c) => `${c.host}:${c.port}` === node)
  if (!n) throw new Error(`no node ${node}`)
  const r = new Redis({ host: n.host, port: n.port, ...clusterAuthOptions(inject('clusterUrl')) })
  try {
    await r.flushall()
  } finally {
    r.disconnect()
  }
}

/** For each key, 1 when the master `node` (host:port) holds it, else 0. */
async function keysOnNode(node: string, keys: string[]): Promise<number[]> {
  const n = clusterNodes(inject('clusterUrl')).find((c) => `${c.host}:${c.port}` === node)
  if (!n) throw new Error(`no node ${node}`)
  const r = new Redis({ host: n.host, port: n.port, ...clusterAuthOptions(inject('clusterUrl')) })
  try {
    return await Promise.all(keys.map((k) => r.exists(k)))
  } finally {
    r.disconnect()
  }
}

describe('one master of the cluster losing its data alone', () => {
  it('the flush watch sees each master forget alone, names it, and nothing when none did', async () => {
    const url = inject('clusterUrl')
    const r = openRedis(url, { maxRetriesPerRequest: null })
    const watch = new FlushWatch(r, 'one-watch')
    try {
      for (const k of ['a', '{one-watch:timers}', 'one-watch:timers:swept']) expect(keySlot(k)).toBe(Number(await r.call('CLUSTER', 'KEYSLOT', k)))
      await watch.arm()
      expect(await watch.forgot()).toBe(false)
      for (const node of clusterNodes(url).map((n) => `${n.host}:${n.port}`)) {
        await flushOne(node)
        expect(await watch.forgot()).toBe(true)
        expect(watch.forgotten).toEqual([node])
        expect(await watch.forgot()).toBe(false) // the mark is back: one flush, one full sweep
      }
    } finally {
      await watch.disarm()
      r.disconnect()
    }
  })

  it('FLUSHALL on the timers’ master mid-run: every record made once, every scheduled escalation back', async () => {
    // A prefix whose timers queue and sweeper marker are on two different masters.
    let prefix = ''
    for (let i = 0; !prefix; i++) {
      const p = `one-master-${i}`
      if ((await masterOf(`{${p}:timers}`)) !== (await masterOf(`${p}:timers:swept`))) prefix = p
    }
    const timersNode = await masterOf(`{${prefix}:timers}`)
    const stores = await freshStores({ redisUrl: inject('clusterUrl'), prefix })
    const spec = await loadOrgFile(DEMO_ORG)
    await importOrg(stores.db.prisma, spec)
    const log = createLogger('silent')
    const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'cluster-one-media-')))
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
    // One worker: its marks alone must notice (a mark of the old single-key watch lay on one master of three).
    const workers: ChildProcess[] = [spawnWorker(env)]
    const prisma = stores.db.prisma
    const timers = gateway.timers.queue
    const escalations = async () => (await timers.getJobs(['delayed', 'waiting'])).filter((j) => j?.name === 'escalate').map((j) => j.id ?? '')
    try {
      for (let i = 1; i <= N / 2; i++) {
        world.say(world.person('李佳鑫'), GRID, `#任务 标题${i}`)
        world.say(world.person('王书记'), COMMUNITY, `#签到 议事 ${i}户`)
      }
      await until('the first half recorded', async () => (await prisma.task.count()) === N / 2 && (await prisma.checkin.count()) === N / 2)
      await until('their escalations scheduled', async () => (await escalations()).length >= N / 2)
      const before = await escalations()

      // The second half, with the timers' master flushed in its middle.
      for (let i = N / 2 + 1; i <= N; i++) {
        if (i === N / 2 + 3) {
          // Each of them lives on that master, so its flush takes them all. Checked before the flush: after it, the
          // worker's watch may already have put them back by the time a look came (a race, not a check).
          expect(
            await keysOnNode(
              timersNode,
              before.map((id) => timers.toKey(id)),
            ),
          ).toEqual(before.map(() => 1))
          await flushOne(timersNode)
        }
        world.say(world.person('李佳鑫'), GRID, `#任务 标题${i}`)
        world.say(world.person('王书记'), COMMUNITY, `#签到 议事 ${i}户`)
        await sleep(20)
      }
      await until('every task and check-in', async () => (await prisma.task.count()) === N && (await prisma.checkin.count()) === N)
      await until('nothing left in flight', () => pipelineIdle(gateway, prisma))
      await until('every scheduled escalation back', async () => {
        const now = new Set(await escalations())
        return before.every((id) => now.has(id)) && now.size >= N
      })

      // Exactly one record per message.
      const tasks = await prisma.task.findMany({ orderBy: { number: 'asc' } })
      expect(tasks.map((t) => t.title).sort()).toEqual(Array.from({ length: N }, (_, i) => `标题${i + 1}`).sort())
      const checkins = await prisma.checkin.findMany()
      expect(checkins.map((c) => c.households ?? 0).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1))
      expect(await prisma.inboxMessage.count({ where: { handledAt: null } })).toBe(0)

      // The count: with the workers stopped, a full sweep of the database's pending timers finds none missing.
      for (const w of workers) w.kill('SIGTERM')
      await Promise.all(workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? null : new Promise((r) => w.once('exit', r)))))
      const escalated = await escalations()
      const r = openRedis(inject('clusterUrl'))
      await r.del(`${prefix}:timers:swept`)
      r.disconnect()
      const swept = await gateway.sweep()
      expect(swept.full).toBe(true)
      expect(swept.repaired).toBe(0)
      console.log(
        `[cluster one master] ${timersNode} flushed alone mid-run: ${N} tasks + ${N} check-ins once each; ${escalated.length} escalations scheduled (${before.length} from before the flush all back); full sweep: ${swept.checked} timers checked, 0 missing`,
      )
    } finally {
      for (const w of workers) w.kill('SIGKILL')
      await gateway.stop()
      await stores.cleanup()
    }
  })
})
