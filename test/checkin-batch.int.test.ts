// The check-in hot path's group commit on real PostgreSQL: check-ins that arrive while one is being written share a
// statement, and each still gets what it would have got alone — recorded once, its handled mark, its own counts (in
// order within the batch), its confirmation in the outbox; a redelivery is refused; a row that cannot be written
// fails only its own caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDistrict } from '../src/config/org-generate.ts'
import { inTransaction } from '../src/db/transaction.ts'
import { recordOnce } from '../src/capabilities/checkins/checkin-record.repo.ts'
import { importOrg } from '../src/app/org-import.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
let grids: { roomId: number; unitId: number; memberId: number }[]
const from = new Date('2026-11-19T16:00:00Z')
const to = new Date('2026-11-20T16:00:00Z')
const at = new Date('2026-11-20T01:00:00Z')

beforeAll(async () => {
  stores = await freshStores()
  await importOrg(stores.db.prisma, generateDistrict({ towns: 1, communities: 1, grids: 3, accounts: 1 }))
  const rooms = await stores.db.prisma.room.findMany({
    where: { unit: { members: { some: { role: 'grid_cadre' } } } },
    select: { id: true, unitId: true, unit: { select: { members: { where: { role: 'grid_cadre' }, select: { id: true }, take: 1 } } } },
    orderBy: { id: 'asc' },
  })
  grids = rooms.map((r) => ({ roomId: r.id, unitId: r.unitId, memberId: r.unit.members[0]!.id }))
})
afterAll(() => stores?.cleanup())

const record = (g: { roomId: number; unitId: number; memberId: number }, messageId: string, db = stores.db.prisma as Parameters<typeof recordOnce>[0]) =>
  recordOnce(
    db,
    { ...g, type: 'visit', households: 2, note: null, at, accountId: 'bot-1', messageId },
    from,
    to,
    { conversation: `bot-1|${g.roomId}`, payload: { messageId } },
    { key: `reply|${messageId}`, accountId: 'bot-1', roomId: `room-${g.roomId}`, mentionIds: ['wx_a', 'wx_b'], template: '%1$s/%2$s' },
  )

describe('check-ins written together', () => {
  it('gives each check-in of a shared statement its own record, mark, counts and confirmation', async () => {
    const [a, b] = grids
    // The first goes alone; the five behind it arrive while it is written and share the next statement.
    const ok = await Promise.all([record(a!, 'm1'), record(a!, 'm2'), record(b!, 'm3'), record(a!, 'm4'), record(b!, 'm5'), record(a!, 'm6')])
    expect(ok.map((r) => [r?.mineToday, r?.unitToday, r?.replyText])).toEqual([
      [1, 1, '1/1'],
      [2, 2, '2/2'],
      [1, 1, '1/1'],
      [3, 3, '3/3'],
      [2, 2, '2/2'],
      [4, 4, '4/4'],
    ])
    // Rows written by one statement share its transaction id (xmin): one for m1, one for the other five.
    const rows = await stores.db.prisma.$queryRaw<{ messageId: string; tx: string }[]>`SELECT "messageId", xmin::text AS tx FROM "Checkin" ORDER BY "id"`
    expect(rows.map((r) => r.messageId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6'])
    expect(new Set(rows.slice(1).map((r) => r.tx)).size).toBe(1)
    expect(rows[0]!.tx).not.toBe(rows[1]!.tx)
    const inbox = await stores.db.prisma.inboxMessage.findMany({ where: { handledAt: { not: null } }, orderBy: { messageId: 'asc' } })
    expect(inbox.map((r) => r.messageId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6'])
    const outbox = await stores.db.prisma.outboxMessage.findMany({ orderBy: { key: 'asc' } })
    expect(outbox.map((o) => [o.key, o.text, o.mentionIds])).toEqual(
      ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((m, i) => [`reply|${m}`, ok[i]!.replyText, ['wx_a', 'wx_b']]),
    )
  })

  it('fails only the caller whose row cannot be written; the rest of its batch is recorded', async () => {
    const [a] = grids
    const results = await Promise.allSettled([record(a!, 'f1'), record(a!, 'f2'), record({ ...a!, memberId: 999_999 }, 'f3'), record(a!, 'f4')])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value?.mineToday] : []))).toEqual([5, 6, 7])
    expect(await stores.db.prisma.inboxMessage.count({ where: { messageId: 'f3', handledAt: { not: null } } })).toBe(0)
    expect(await stores.db.prisma.outboxMessage.count({ where: { key: 'reply|f3' } })).toBe(0)
  })

  it('refuses a redelivered message, alone, in a batch, or twice in the same batch', async () => {
    const [, , c] = grids
    expect(await record(c!, 'r1')).not.toBeNull()
    const again = await Promise.all([record(c!, 'r2'), record(c!, 'r1'), record(c!, 'r3'), record(c!, 'r3')])
    expect(again.map((r) => (r ? r.mineToday : null))).toEqual([2, null, 3, null])
    expect(await stores.db.prisma.checkin.count({ where: { roomId: c!.roomId } })).toBe(3)
  })

  it('writes the same inside a transaction (through Prisma, one statement)', async () => {
    const [, , c] = grids
    const r = await inTransaction(stores.db.prisma, (tx) => record(c!, 't1', tx))
    expect([r?.mineToday, r?.replyText]).toEqual([4, '4/4'])
    expect(await inTransaction(stores.db.prisma, (tx) => record(c!, 't1', tx))).toBeNull()
  })
})
