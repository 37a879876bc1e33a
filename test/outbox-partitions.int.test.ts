// The outbox partitioned by month on "createdAt", its keys unique in "OutboxKey" (docs/operations.md, "Partitions"):
// a key written again in the next month (a timer run again after midnight, a summary counted up, a replayed
// check-in) writes no second row; the sender's marks, claims and the sweeper's reads span months; retention drops a
// month of sent rows whole with their keys and keeps an unsent row (moved to the DEFAULT partition, still one key).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/core/logger.ts'
import { Counters } from '../src/core/metrics.ts'
import { ensurePartitions } from '../src/domain/retention/partitions.service.ts'
import { runRetention } from '../src/domain/retention/retention.service.ts'
import { outboxRepo } from '../src/kernel/outbox/outbox.repo.ts'
import { claimParts, markSent, sqlTemplate, writeCounting, writeOutbox } from '../src/kernel/outbox/outbox.service.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
beforeAll(async () => {
  stores = await freshStores()
  await ensurePartitions({ prisma: stores.db.prisma, log: createLogger('silent'), counters: new Counters() }, new Date('2026-11-10T00:00:00Z'))
})
afterAll(() => stores?.cleanup())

const LAST_SECOND = new Date('2026-11-30T23:59:59.000Z')
const NEXT_MONTH = new Date('2026-12-01T00:00:03.000Z')
const post = (key: string, text = 't') => ({ key, message: { accountId: 'bot-main', roomId: 'r@chatroom', text, mentionIds: ['wx_a'] } })
const partitionsOf = async (key: string) =>
  (await stores.db.prisma.$queryRaw<{ p: string }[]>`SELECT tableoid::regclass::text AS p FROM "OutboxMessage" WHERE "key" = ${key}`).map((r) => r.p)
const partitionNames = async () =>
  (
    await stores.db.prisma.$queryRaw<{ name: string }[]>`
      SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"OutboxMessage"'::regclass`
  ).map((x) => x.name)

describe('the outbox across a month boundary', () => {
  it('has its months made ahead like the other tables', async () => {
    expect(await partitionNames()).toEqual(
      expect.arrayContaining(['OutboxMessage_default', 'OutboxMessage_202611', 'OutboxMessage_202612', 'OutboxMessage_202701']),
    )
  })

  it('writes a key written again in the next month once, in its first month', async () => {
    const db = stores.db.prisma
    await writeOutbox(db, [post('timer|notice|7|0', 'first')], LAST_SECOND)
    await writeOutbox(db, [post('timer|notice|7|0', 'again'), post('timer|notice|7|0', 'twice in one batch')], NEXT_MONTH)
    const rows = await db.outboxMessage.findMany({ where: { key: 'timer|notice|7|0' } })
    expect(rows.map((r) => [r.text, r.mentionIds, r.createdAt.toISOString()])).toEqual([['first', ['wx_a'], LAST_SECOND.toISOString()]])
    expect(await partitionsOf('timer|notice|7|0')).toEqual(['"OutboxMessage_202611"'])
    expect(await outboxRepo.has(db, 'timer|notice|7|0')).toBe(true)
    // Several new keys of one batch go each to its row; the same batch again writes nothing.
    expect(
      await outboxRepo.write(
        db,
        [0, 1, 2].map((i) => ({ ...rowOf(`b|${i}`), createdAt: NEXT_MONTH })),
      ),
    ).toHaveLength(3)
    expect(
      await outboxRepo.write(
        db,
        [0, 1, 2].map((i) => ({ ...rowOf(`b|${i}`), createdAt: LAST_SECOND })),
      ),
    ).toEqual([])
    expect(await partitionsOf('b|1')).toEqual(['"OutboxMessage_202612"'])
  })

  it('counts a summary written again after midnight up on its one row', async () => {
    const db = stores.db.prisma
    const text = sqlTemplate(1, (n) => `${n} 条记录已收到 (100%)`)
    await writeCounting(db, post('summary|a', text), LAST_SECOND)
    await writeCounting(db, post('summary|a', text), NEXT_MONTH)
    await writeCounting(db, post('summary|a', text), NEXT_MONTH)
    const rows = await db.outboxMessage.findMany({ where: { key: 'summary|a' } })
    expect(rows.map((r) => r.text)).toEqual(['3 条记录已收到 (100%)'])
    // Once sent, a late write changes nothing.
    await markSent(db, ['summary|a'], NEXT_MONTH)
    await writeCounting(db, post('summary|a', text), NEXT_MONTH)
    expect((await db.outboxMessage.findMany({ where: { key: 'summary|a' } })).map((r) => r.text)).toEqual(['3 条记录已收到 (100%)'])
  })

  it('reads, claims and marks rows of two months together', async () => {
    const db = stores.db.prisma
    await writeOutbox(db, [post('span|nov')], new Date('2026-11-30T23:00:00Z'))
    await writeOutbox(db, [post('span|dec')], new Date('2026-12-01T01:00:00Z'))
    const unsent = await outboxRepo.unsent(db, new Date('2026-11-30T22:00:00Z'), new Date('2026-12-01T02:00:00Z'), 100, new Date('2026-12-01T00:00:00Z'))
    expect(unsent.map((r) => r.key).filter((k) => k.startsWith('span|'))).toEqual(['span|nov', 'span|dec'])
    const at = new Date('2026-12-01T01:30:00Z')
    expect(
      await claimParts(
        db,
        [
          { part: 'span|nov', key: 'span|nov' },
          { part: 'span|dec', key: 'span|dec' },
        ],
        'gw-1',
        at,
      ),
    ).toEqual(new Set(['span|nov', 'span|dec']))
    expect((await markSent(db, ['span|nov', 'span|dec'], at)).sort()).toEqual(['span|dec', 'span|nov'])
    expect(await markSent(db, ['span|nov', 'span|dec'], at)).toEqual([])
    // A part of a sent row is never claimed again, whichever month it lives in.
    expect(await claimParts(db, [{ part: 'span|nov#2', key: 'span|nov' }], 'gw-2', new Date('2026-12-01T02:00:00Z'))).toEqual(new Set())
  })

  it('drops a month of sent rows with its keys, and keeps an unsent row and its key', async () => {
    const db = stores.db.prisma
    await db.$queryRaw`SELECT gridbot_month_partition('OutboxMessage', '2027-01-01'::date), gridbot_month_partition('OutboxMessage', '2027-02-01'::date)`
    await writeOutbox(db, [post('jan|sent')], new Date('2027-01-10T00:00:00Z'))
    await markSent(db, ['jan|sent'], new Date('2027-01-10T00:00:01Z'))
    await writeOutbox(db, [post('feb|sent'), post('feb|unsent')], new Date('2027-02-10T00:00:00Z'))
    await markSent(db, ['feb|sent'], new Date('2027-02-10T00:00:01Z'))
    const now = new Date('2027-06-15T00:00:00Z')
    const r = await runRetention({ prisma: db, log: createLogger('silent'), counters: new Counters(), days: 90, cleanJobs: async () => 0 }, now)
    expect(r.partitions).toBeGreaterThan(0)
    const names = await partitionNames()
    expect(names).not.toContain('OutboxMessage_202701')
    expect(names).not.toContain('OutboxMessage_202702')
    expect(names).toEqual(expect.arrayContaining(['OutboxMessage_202706', 'OutboxMessage_202708']))
    // Of everything written above (all months before the cut-off), only the rows never sent are left.
    expect((await db.outboxMessage.findMany({ orderBy: { key: 'asc' } })).map((m) => m.key)).toEqual(['b|0', 'b|1', 'b|2', 'feb|unsent', 'timer|notice|7|0'])
    expect(await partitionsOf('feb|unsent')).toEqual(['"OutboxMessage_default"'])
    expect((await db.outboxKey.findMany({ orderBy: { key: 'asc' } })).map((k) => k.key)).toEqual(['b|0', 'b|1', 'b|2', 'feb|unsent', 'timer|notice|7|0'])
    expect(r.outbox).toBe(5) // summary|a, span|nov, span|dec, jan|sent, feb|sent
    // The kept row is still written once and can still be sent.
    await writeOutbox(db, [post('feb|unsent', 'again')], now)
    expect(await db.outboxMessage.count({ where: { key: 'feb|unsent' } })).toBe(1)
    expect(await markSent(db, ['feb|unsent'], now)).toEqual(['feb|unsent'])
  })
})

const rowOf = (key: string) => ({
  key,
  accountId: 'bot-main',
  roomId: 'r@chatroom',
  text: 't',
  mentionIds: [],
  urgent: false,
  image: null,
  file: null,
  fileName: null,
  createdAt: LAST_SECOND,
})
