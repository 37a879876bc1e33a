// Retention: handled inbox rows and sent outbox rows older than GRIDBOT_RETENTION_DAYS are deleted, unhandled and
// unsent ones never; finished jobs past the period leave the queues; newer ones stay.
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisOptions } from '../src/config/redis-url.ts'
import { createLogger } from '../src/core/logger.ts'
import { Counters } from '../src/core/metrics.ts'
import { runRetention } from '../src/domain/retention/retention.service.ts'
import { cleanFinishedJobs } from '../src/jobs/job-retention.ts'
import { outboxRepo } from '../src/kernel/outbox/outbox.repo.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { until } from './helpers/wait.ts'

const DAY = 86_400_000
const OUTBOX_ROW = { accountId: 'bot-main', roomId: 'r@chatroom', text: 't', mentionIds: [], urgent: false, image: null, file: null, fileName: null }
let stores: TestStores
beforeAll(async () => {
  stores = await freshStores()
})
afterAll(async () => {
  await stores?.cleanup()
})

describe('retention', () => {
  it('deletes old handled inbox rows, old sent outbox rows and old finished jobs, and nothing else', async () => {
    const now = new Date()
    const ago = (days: number) => new Date(now.getTime() - days * DAY)
    const p = stores.db.prisma
    const inbox = (id: string, receivedAt: Date, handledAt: Date | null) => ({
      accountId: 'bot-main',
      messageId: id,
      conversation: 'r',
      payload: {},
      receivedAt,
      handledAt,
      messageAt: receivedAt,
    })
    await p.inboxMessage.createMany({ data: [inbox('old', ago(100), ago(100)), inbox('recent', ago(10), ago(10)), inbox('never-handled', ago(100), null)] })
    const outbox = (key: string, createdAt: Date) => ({ ...OUTBOX_ROW, key, createdAt })
    await outboxRepo.write(p, [outbox('old', ago(95)), outbox('recent', ago(1)), outbox('never-sent', ago(95))])
    await outboxRepo.markSent(p, ['old'], ago(95))
    await outboxRepo.markSent(p, ['recent'], ago(1))

    const redis = new Redis(redisOptions(stores.redisUrl, { maxRetriesPerRequest: null }) as never)
    const q = new Queue('retention-test', { connection: redis, prefix: stores.prefix })
    const w = new Worker('retention-test', async (job) => (job.name === 'fail' ? Promise.reject(new Error('no')) : 'ok'), {
      connection: redis.duplicate(),
      prefix: stores.prefix,
    })
    try {
      const failedOld = await q.add('fail', {})
      const doneOld = await q.add('ok', {})
      const doneNew = await q.add('ok', {})
      await until('jobs finished', async () => (await q.getJobCounts('completed', 'failed')).completed === 2)
      // Two of them finished 100 days ago, as far as Redis knows.
      // (BullMQ keeps finished jobs in sorted sets scored by their finish time, and that time on the job too.)
      const old = ago(100).getTime()
      for (const [id, set] of [
        [failedOld.id!, 'failed'],
        [doneOld.id!, 'completed'],
      ] as const) {
        await redis.hset(`${stores.prefix}:retention-test:${id}`, 'finishedOn', String(old))
        await redis.zadd(`${stores.prefix}:retention-test:${set}`, old, id)
      }
      const counters = new Counters()
      const r = await runRetention(
        { prisma: p, log: createLogger('silent'), counters, days: 90, cleanJobs: (before) => cleanFinishedJobs([q], before, now.getTime()) },
        now,
      )
      expect(r).toEqual({ inbox: 1, outbox: 1, jobs: 2, partitions: 0 })
      expect((await p.inboxMessage.findMany({ orderBy: { messageId: 'asc' } })).map((m) => m.messageId)).toEqual(['never-handled', 'recent'])
      expect((await p.outboxMessage.findMany({ orderBy: { key: 'asc' } })).map((m) => m.key)).toEqual(['never-sent', 'recent'])
      expect(await q.getJob(doneNew.id!)).toBeDefined()
      expect(await q.getJob(doneOld.id!)).toBeUndefined()
      expect(await q.getJob(failedOld.id!)).toBeUndefined()
      expect(counters.get('retention.inbox_deleted')).toBe(1)
    } finally {
      await w.close()
      await q.obliterate({ force: true })
      await q.close()
      redis.disconnect()
    }
  })
  it('drops the account events of a month wholly past the period with its partition, and makes the next months ahead', async () => {
    const p = stores.db.prisma
    const now = new Date(Date.UTC(2027, 5, 15))
    await p.botAccount.upsert({ where: { id: 'bot-main' }, create: { id: 'bot-main' }, update: {} })
    // A month long past (its partition made as the job would have), and the month just before the cut-off.
    await p.$queryRaw`SELECT gridbot_month_partition('AccountEvent', '2027-01-01'::date), gridbot_month_partition('AccountEvent', '2027-03-01'::date)`
    await p.accountEvent.createMany({
      data: [
        { accountId: 'bot-main', state: 'logged_in', at: new Date(Date.UTC(2027, 0, 20)) },
        { accountId: 'bot-main', state: 'stopped', at: new Date(Date.UTC(2027, 2, 20)) },
      ],
    })
    const r = await runRetention({ prisma: p, log: createLogger('silent'), counters: new Counters(), days: 90, cleanJobs: async () => 0 }, now)
    // January's (and any other month wholly before the cut-off, such as those the migration made for today's date).
    expect(r.partitions).toBeGreaterThan(0)
    expect((await p.accountEvent.findMany()).map((e) => e.state)).toEqual(['stopped'])
    const parts = await p.$queryRaw<{ name: string }[]>`
      SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"AccountEvent"'::regclass`
    const names = parts.map((x) => x.name)
    expect(names).not.toContain('AccountEvent_202701')
    expect(names).toEqual(expect.arrayContaining(['AccountEvent_202703', 'AccountEvent_202706', 'AccountEvent_202707', 'AccountEvent_202708']))
  })
})
