// A worker that dies after its message's commit and before handing the replies to the queue leaves the message
// handled and its replies stored but not queued. The shard runs that message again first (its lock lapses): the
// redelivery finds it handled and must queue those stored replies then, so the group sees them before the replies to
// its next messages — not a sweeper round later, after them. The crash state is written as the dying worker left
// it (inbox row handled, outbox row unsent, no job); real PostgreSQL, Redis and Wechaty mock.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { systemClock } from '../src/core/clock.ts'
import { jobId } from '../src/core/ids.ts'
import { createLogger } from '../src/core/logger.ts'
import type { InboundMessage } from '../src/core/message.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { importOrg } from '../src/app/org-import.ts'
import { inboxRepo } from '../src/domain/inbox/inbox.repo.ts'
import { writeOutbox } from '../src/kernel/outbox/outbox.service.ts'
import { inboxRow } from '../src/pipeline/inbox-row.ts'
import { startApp, type App } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { pipelineIdle, until } from './helpers/wait.ts'

const GRID = '华府社区5号网格群'
const EARLIER = '已创建任务 T9「早先的一条」(回复未及送出)'
let stores: TestStores
let app: App
let world: SimWorld

beforeAll(async () => {
  stores = await freshStores()
  const spec = await loadOrgFile(DEMO_ORG)
  await importOrg(stores.db.prisma, spec)
  const log = createLogger('silent')
  world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'redeliver-media-')))
  // The sweeper's default round (60 s) and age (60 s): it does not send the stored reply within this test.
  app = await startApp({ role: 'all', env: stores.env, infra: stores.infra, log, makeTransport: world.transport, pace: null })
  await world.populate(stores.db.prisma)
})
afterAll(async () => {
  await app?.stop()
  await stores?.cleanup()
})

/** What a worker that died after its commit left: `text` handled at `at`, its reply `stored` unsent, no job for it. */
async function diedAfterCommit(messageId: string, text: string, stored: string, at: Date) {
  const { accountId, roomId } = world.room(GRID)
  const talker = world.person('李佳鑫')
  const msg: InboundMessage = {
    accountId,
    messageId,
    roomId,
    roomTopic: GRID,
    talkerId: talker.wxid,
    talkerName: talker.name,
    kind: 'text',
    text,
    mentionsSelf: false,
    receivedAt: at.toISOString(),
  }
  const prisma = stores.db.prisma
  expect(await inboxRepo.markHandled(prisma, inboxRow(msg), at)).toBe(true)
  const key = jobId('reply', accountId, messageId, 0)
  await writeOutbox(prisma, [{ key, message: { accountId, roomId, text: stored, mentionIds: [talker.wxid] } }], at)
  return { msg, key, talker }
}

const saidInGrid = () => world.transcript.filter((l) => l.self && l.room === GRID).map((l) => l.text)
const sentRows = (key: string) => stores.db.prisma.outboxMessage.count({ where: { key, sentAt: { not: null } } })

it("a redelivered message whose replies never reached the queue sends them at once, before the group's next replies", async () => {
  const prisma = stores.db.prisma
  // The start's full sweep (no flush mark yet) would send any unsent row: let it pass first; later rounds only take
  // rows a minute old.
  await app.sweep()
  expect((await app.sweep()).full).toBe(false)
  const { msg, key, talker } = await diedAfterCommit('died-after-commit', '#任务 早先的一条', EARLIER, new Date())

  await app.dispatch(msg) // the shard's redelivery
  world.say(talker, GRID, '#任务 后来的一条')
  const said = () => saidInGrid().filter((t) => t.includes('已创建任务'))
  await until('both replies', async () => said().length >= 2)
  await until('nothing left in flight', () => pipelineIdle(app, prisma))
  const replies = said()
  expect(replies).toHaveLength(2)
  expect(replies[0]).toContain(EARLIER)
  expect(replies[1]).toContain('后来的一条')
  expect(await sentRows(key)).toBe(1)
  // Handled once: the redelivery recorded nothing (only the later message made a task).
  expect(await prisma.task.count()).toBe(1)
})

it('a refusal answered outside the unit of work is re-queued the same way', async () => {
  const stored = '⚠️ 早先的一条拒绝(回复未及送出)'
  const { msg, key, talker } = await diedAfterCommit('refusal-died-after-commit', '#任务', stored, new Date())
  const before = saidInGrid().length
  await app.dispatch(msg)
  world.say(talker, GRID, '#任务 第三条')
  await until('both replies', async () => saidInGrid().length >= before + 2)
  await until('nothing left in flight', () => pipelineIdle(app, stores.db.prisma))
  const replies = saidInGrid().slice(before)
  expect(replies).toHaveLength(2)
  expect(replies[0]).toContain(stored)
  expect(replies[1]).toContain('第三条')
  expect(await sentRows(key)).toBe(1)
})

it('a WeChat replay days later brings back no reply given up on (as the sweeper would not send it)', async () => {
  const stored = '已创建任务 T8「两天前的一条」(早已放弃)'
  const { msg, key, talker } = await diedAfterCommit('replayed-two-days-later', '#任务 两天前的一条', stored, new Date(Date.now() - 2 * 24 * 3600_000))
  const before = saidInGrid().length
  await app.dispatch(msg)
  world.say(talker, GRID, '#任务 第四条')
  // The next message's reply marks the point the replay's would have come before (queued first, on the same account).
  // (Not "nothing in flight": the given-up row stays unsent for good.)
  await until('the next reply', async () => saidInGrid().some((t) => t.includes('第四条')))
  expect(saidInGrid().slice(before)).toEqual([expect.stringContaining('第四条')])
  expect(await sentRows(key)).toBe(0)
})
