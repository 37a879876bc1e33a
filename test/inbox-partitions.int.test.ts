// The inbox partitioned by month on the message's own time (docs/operations.md, "Partitions"): a message WeChat
// delivers again after midnight on the last day of a month is received once, handled once and its check-in recorded
// once — its key carries the message's time, the same on every delivery, not the time it arrived. Retention drops a
// past month of handled rows whole and keeps an unhandled one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importOrg } from '../src/app/org-import.ts'
import { recordOnce } from '../src/capabilities/checkins/checkin-record.repo.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { createLogger } from '../src/core/logger.ts'
import type { InboundMessage } from '../src/core/message.ts'
import { Counters } from '../src/core/metrics.ts'
import { inboxRepo } from '../src/domain/inbox/inbox.repo.ts'
import { runRetention } from '../src/domain/retention/retention.service.ts'
import { inboxRow } from '../src/pipeline/inbox-row.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
beforeAll(async () => {
  stores = await freshStores()
  await stores.db.prisma
    .$queryRaw`SELECT gridbot_month_partition('InboxMessage', '2026-11-01'::date), gridbot_month_partition('InboxMessage', '2026-12-01'::date)`
})
afterAll(() => stores?.cleanup())

const sentAt = '2026-11-30T23:59:59.000Z'
const message = (messageId: string, receivedAt: string): InboundMessage => ({
  accountId: 'bot-main',
  messageId,
  roomId: 'grid@chatroom',
  roomTopic: 'grid',
  talkerId: 'wx_cadre',
  talkerName: 'cadre',
  kind: 'text',
  text: '#签到 走访 2户',
  mentionsSelf: false,
  receivedAt,
  sentAt,
})
const partitionOf = async (messageId: string) =>
  (await stores.db.prisma.$queryRaw<{ p: string }[]>`SELECT tableoid::regclass::text AS p FROM "InboxMessage" WHERE "messageId" = ${messageId}`).map((r) => r.p)

describe('the inbox across a month boundary', () => {
  it('receives and handles a message delivered again in the next month once', async () => {
    const db = stores.db.prisma
    const first = message('m-boundary', '2026-11-30T23:59:59.500Z')
    const again = message('m-boundary', '2026-12-01T00:00:03.000Z')
    await inboxRepo.receive(db, [inboxRow(first)])
    await inboxRepo.receive(db, [inboxRow(again)])
    expect(await partitionOf('m-boundary')).toEqual(['"InboxMessage_202611"'])
    // Two workers (the first delivery's and the redelivery's) mark it: one wins.
    expect(await inboxRepo.markHandled(db, inboxRow(again), new Date('2026-12-01T00:00:04Z'))).toBe(true)
    expect(await inboxRepo.markHandled(db, inboxRow(first), new Date('2026-12-01T00:00:05Z'))).toBe(false)
    expect(await db.inboxMessage.count({ where: { messageId: 'm-boundary' } })).toBe(1)
  })

  it('records a check-in redelivered in the next month once', async () => {
    const db = stores.db.prisma
    await importOrg(db, generateDistrict({ towns: 1, communities: 1, grids: 1, accounts: 1 }))
    const room = await db.room.findFirstOrThrow({
      where: { unit: { members: { some: { role: 'grid_cadre' } } } },
      select: { id: true, unitId: true, unit: { select: { members: { where: { role: 'grid_cadre' }, select: { id: true }, take: 1 } } } },
    })
    const g = { roomId: room.id, unitId: room.unitId, memberId: room.unit.members[0]?.id ?? 0 }
    const record = (m: InboundMessage) => {
      const row = inboxRow(m)
      const at = new Date(m.receivedAt)
      return recordOnce(
        db,
        { ...g, type: 'visit', households: 2, note: null, at, accountId: m.accountId, messageId: m.messageId },
        new Date(at.getTime() - 86_400_000),
        at,
        { conversation: row.conversation, payload: row.payload, messageAt: row.messageAt },
        { key: `reply|${m.messageId}`, accountId: m.accountId, roomId: 'grid@chatroom', mentionIds: [], template: '%1$s/%2$s' },
      )
    }
    expect(await record(message('m-checkin', '2026-11-30T23:59:59.800Z'))).not.toBeNull()
    expect(await record(message('m-checkin', '2026-12-01T00:00:02.000Z'))).toBeNull()
    expect(await db.checkin.count({ where: { messageId: 'm-checkin' } })).toBe(1)
    expect(await partitionOf('m-checkin')).toEqual(['"InboxMessage_202611"'])
  })

  it('drops a month of handled rows past retention with its partition and keeps an unhandled one', async () => {
    const db = stores.db.prisma
    const old = message('m-unhandled', '2026-11-30T23:59:59.900Z')
    await inboxRepo.receive(db, [inboxRow(old)])
    const now = new Date('2027-04-15T00:00:00Z')
    const r = await runRetention({ prisma: db, log: createLogger('silent'), counters: new Counters(), days: 90, cleanJobs: async () => 0 }, now)
    expect(r.partitions).toBeGreaterThan(0)
    const names = (
      await db.$queryRaw<{ name: string }[]>`
        SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"InboxMessage"'::regclass`
    ).map((x) => x.name)
    expect(names).not.toContain('InboxMessage_202611')
    expect(names).toContain('InboxMessage_202704')
    expect((await db.inboxMessage.findMany()).map((m) => m.messageId)).toEqual(['m-unhandled'])
    expect(await partitionOf('m-unhandled')).toEqual(['"InboxMessage_default"'])
    // A redelivery of the kept message still finds its row.
    await inboxRepo.receive(db, [inboxRow(message('m-unhandled', '2027-04-15T00:00:01Z'))])
    expect(await db.inboxMessage.count({ where: { messageId: 'm-unhandled' } })).toBe(1)
  })
})
