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

it("a redelivered message whose replies never reached the queue sends them at once, before the group's next replies", async () => {
  const { accountId, roomId } = world.room(GRID)
  const talker = world.person('李佳鑫')
  const at = new Date()
  const msg: InboundMessage = {
    accountId,
    messageId: 'died-after-commit',
    roomId,
    roomTopic: GRID,
    talkerId: talker.wxid,
    talkerName: talker.name,
    kind: 'text',
    text: '#任务 早先的一条',
    mentionsSelf: false,
    receivedAt: at.toISOString(),
  }
  const prisma = stores.db.prisma
  // The start's full sweep (no flush mark yet) would send any unsent row: let it pass first; later rounds only take
  // rows a minute old.
  await app.sweep()
  expect((await app.sweep()).full).toBe(false)
  // What the dying worker committed: the message handled, its reply stored, unsent, and no job for it.
  expect(await inboxRepo.markHandled(prisma, inboxRow(msg), at)).toBe(true)
  const key = jobId('reply', accountId, msg.messageId, 0)
  await writeOutbox(prisma, [{ key, message: { accountId, roomId, text: EARLIER, mentionIds: [talker.wxid] } }], at)

  await app.dispatch(msg) // the shard's redelivery
  world.say(talker, GRID, '#任务 后来的一条')
  const said = () => world.transcript.filter((l) => l.self && l.room === GRID && l.text.includes('已创建任务')).map((l) => l.text)
  await until('both replies', async () => said().length >= 2, 20_000)
  await until('nothing left in flight', () => pipelineIdle(app, prisma))
  const replies = said()
  expect(replies).toHaveLength(2)
  expect(replies[0]).toContain(EARLIER)
  expect(replies[1]).toContain('后来的一条')
  expect(await prisma.outboxMessage.count({ where: { key, sentAt: { not: null } } })).toBe(1)
  // Handled once: the redelivery recorded nothing (only the later message made a task).
  expect(await prisma.task.count()).toBe(1)
})
