// Digests and 台账 exports with real worker processes (`gridbot start --role worker`), real time, real PostgreSQL,
// Redis and the Wechaty mock behind a gateway in this process. Two workers race for every digest occurrence (a daily
// digest scheduled every minute, so each minute's occurrence is another chance to send the same day's digest twice);
// one is killed (SIGKILL) and started again between occurrences: each supervisor room gets its 日报 and its chart
// once. An export request whose job Redis lost (flushed while no worker ran) is picked up by the sweeper of the next
// worker: the file arrives once.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Queue } from 'bullmq'
import ExcelJS from 'exceljs'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import { ledgerRepo } from '../src/capabilities/digests/ledger.repo.ts'
import { importOrg } from '../src/app/org-import.ts'
import { TIMERS_QUEUE } from '../src/jobs/timers.ts'
import { type App, startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { freshStores } from './helpers/stores.ts'
import { pipelineIdle, until } from './helpers/wait.ts'
import { spawnWorker, workerEnv } from './helpers/worker-process.ts'

let stores: Awaited<ReturnType<typeof freshStores>>
let world: SimWorld
let gateway: App
let env: NodeJS.ProcessEnv
const workers: ChildProcess[] = []

const start = () => {
  const w = spawnWorker(env)
  workers.push(w)
  return w
}
const kill = (w: ChildProcess) => w.kill('SIGKILL')
const selfLines = (room: string) => world.transcript.filter((l) => l.self && l.room === room)
const flushRedis = async () => {
  const r = new Redis(redisOptions(stores.redisUrl) as never)
  const keys = await r.keys(`${stores.prefix}:*`)
  if (keys.length) await r.del(...keys) // FLUSHALL of this test's keys (the server is shared)
  r.disconnect()
}
// Nothing left to send (every outbox row sent, the queues empty) and nothing on its way through the mock WeChat.
const delivered = () => until('posts delivered', async () => world.pending() === 0 && (await pipelineIdle(gateway, stores.db.prisma)))
// Timer jobs that finished (the worker processes run them; this reads the queue they share).
const finished = async (name: string) => {
  const timers = new Queue(TIMERS_QUEUE, { connection: redisOptions(stores.redisUrl, { maxRetriesPerRequest: null }) as never, prefix: stores.prefix })
  try {
    return (await timers.getCompleted()).filter((j) => j.name === name)
  } finally {
    await timers.close()
  }
}

beforeAll(async () => {
  stores = await freshStores()
  const spec = await loadOrgFile(DEMO_ORG)
  // Every minute: each occurrence sends the 日报 of the day before, the same period all day long.
  spec.policies = { ...spec.policies, digests: { daily: '* * * * *', weekly: false, monthly: false } }
  await importOrg(stores.db.prisma, spec)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'digest-processes-'))
  const log = createLogger('silent')
  world = new SimWorld(spec, systemClock, log, path.join(dataDir, 'media'))
  gateway = await startApp({
    role: 'gateway',
    env: { ...stores.env, GRIDBOT_DATA_DIR: dataDir },
    infra: stores.infra,
    log,
    makeTransport: world.transport,
    pace: null,
  })
  await world.populate(stores.db.prisma)
  // A sweep every 5 s: an export job that stalled out under load (short locks here) is re-created within seconds, not
  // at the default minute's round.
  env = workerEnv(stores, { GRIDBOT_DATA_DIR: dataDir, GRIDBOT_SWEEP_EVERY_MS: '5000' })
})

afterAll(async () => {
  for (const w of workers) kill(w)
  await gateway?.stop()
  await stores?.cleanup()
})

describe('digests with two worker processes', () => {
  it('each supervisor room gets one 日报 and one chart per period, also after a worker is killed and restarted', async () => {
    const prisma = stores.db.prisma
    const rooms = await prisma.room.findMany({ where: { wxRoomId: { not: null }, unit: { kind: { not: 'grid' } } }, include: { unit: true } })
    expect(rooms.length).toBeGreaterThan(1)
    const a = start()
    start()
    // The first occurrence (within a minute): every room's digest, raced for by both workers.
    await until('the first occurrence sent', async () => (await prisma.digestRun.count()) >= rooms.length, 90_000)
    // Each unit's occurrence that sent (in minutes since the epoch: its timers' cycle).
    const first = new Map((await prisma.digestRun.findMany()).map((r) => [r.unitId, r.occurrenceAt.getTime() / 60_000]))
    kill(a)
    start()
    // At least one more occurrence of the same period passes, handled by the restarted worker and the other one:
    // every unit's digest timer of a later minute has run (and claimed nothing), and every chart is out.
    await until(
      'a later occurrence handled for every unit',
      async () => {
        const later = (await finished('digest')).filter((j) => j.data.cycle > (first.get(j.data.subjectId) ?? Infinity)).map((j) => j.data.subjectId)
        return [...first.keys()].every((u) => later.includes(u))
      },
      180_000,
    )
    await until('every chart drawn', async () => (await prisma.digestRun.count({ where: { chartState: 'pending' } })) === 0)
    await delivered()
    const runs = await prisma.digestRun.findMany()
    expect(runs).toHaveLength(rooms.length) // one row per (room, kind, period): later occurrences claimed nothing
    expect(new Set(runs.map((r) => r.roomId))).toEqual(new Set(rooms.map((r) => r.id)))
    expect(runs.map((r) => r.chartState)).toEqual(runs.map(() => 'sent')) // each chart drawn after its digest, once
    for (const room of rooms) {
      const lines = selfLines(room.topic)
      expect(
        lines.filter((l) => l.text.startsWith('【日报】')),
        room.topic,
      ).toHaveLength(1)
      expect(
        lines.filter((l) => l.text.startsWith('[图片]')),
        room.topic,
      ).toHaveLength(1)
      // The outbox holds each once too.
      const posts = await prisma.outboxMessage.findMany({ where: { roomId: room.wxRoomId! } })
      expect(posts.filter((p) => p.text.startsWith('【日报】'))).toHaveLength(1)
    }
  })
})

describe('a 台账 export whose job Redis lost', () => {
  it('is built by the next worker after a FLUSHALL, and its file arrives once', async () => {
    const prisma = stores.db.prisma
    for (const w of workers) kill(w)
    await until('the workers gone', async () => workers.every((w) => w.exitCode !== null || w.signalCode !== null))
    await flushRedis()
    const room = await prisma.room.findFirstOrThrow({ where: { topic: '华府社区群' }, include: { unit: true } })
    // What the command commits (its timer is released only after commit: here Redis forgot it).
    const req = await ledgerRepo.request(prisma, {
      accountId: room.accountId,
      messageId: 'lost-1',
      roomId: room.id,
      month: '2026-11',
      label: '2026年11月',
      createdAt: new Date(),
    })
    expect(req.status).toBe('pending')
    const files = () => selfLines(room.topic).filter((l) => l.file)
    const before = files().length
    const w = start()
    await until('the export done', async () => (await prisma.ledgerExport.findUniqueOrThrow({ where: { id: req.id } })).status === 'done', 120_000)
    await delivered()
    // A worker killed and started again, and another flush: the sweeper finds nothing pending, posts nothing.
    kill(w)
    await until('the worker gone', async () => w.signalCode !== null)
    await flushRedis()
    const restarted = Date.now()
    start()
    // Its sweeper runs at start (a job scheduler runs at once): wait for that sweep, then for anything it sent.
    await until('a sweep after the restart', async () => (await finished('sweep')).some((j) => (j.finishedOn ?? 0) > restarted))
    await delivered()
    const got = files().slice(before)
    expect(got).toHaveLength(1)
    expect(got[0]!.file!.name).toBe('台账-华府社区-2026年11月.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(got[0]!.file!.bytes as never)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['签到', '任务', '隐患', '志愿', '积分', '项目', '活动', '签到汇总'])
    expect(selfLines(room.topic).filter((l) => l.text.includes('华府社区 2026年11月 台账:'))).toHaveLength(1)
  })
})
