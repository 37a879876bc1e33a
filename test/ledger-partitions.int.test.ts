// The points ledger partitioned by month on "at", its idempotency key (district, source, ref, member) unique in
// "PointsKey" (docs/operations.md, "Partitions"): a credit paid again in the next month (an event handled again, a
// settlement run again after midnight) writes no second entry and moves no balance; reads span months; the partition
// job makes its months ahead and retention never drops them; the ledger stays append-only on every partition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importOrg } from '../src/app/org-import.ts'
import { pointsRepo } from '../src/capabilities/points/points.repo.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { createLogger } from '../src/core/logger.ts'
import { Counters } from '../src/core/metrics.ts'
import { ensurePartitions } from '../src/domain/retention/partitions.service.ts'
import { runRetention } from '../src/domain/retention/retention.service.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
let g: { districtId: number; memberId: number; unitId: number; roomId: number }
beforeAll(async () => {
  stores = await freshStores()
  const db = stores.db.prisma
  await ensurePartitions({ prisma: db, log: createLogger('silent'), counters: new Counters() }, new Date('2026-11-10T00:00:00Z'))
  await importOrg(db, generateDistrict({ towns: 1, communities: 1, grids: 1, accounts: 1 }))
  const district = await db.unit.findFirstOrThrow({ where: { kind: 'district' } })
  const room = await db.room.findFirstOrThrow({
    where: { unit: { members: { some: { role: 'grid_cadre' } } } },
    select: { id: true, unitId: true, unit: { select: { members: { where: { role: 'grid_cadre' }, select: { id: true }, take: 1 } } } },
  })
  g = { districtId: district.id, memberId: room.unit.members[0]?.id ?? 0, unitId: room.unitId, roomId: room.id }
})
afterAll(() => stores?.cleanup())

const LAST_SECOND = new Date('2026-11-30T23:59:59.000Z')
const NEXT_MONTH = new Date('2026-12-01T00:00:03.000Z')
const partitionsOf = async (source: string, ref: string) =>
  (
    await stores.db.prisma.$queryRaw<{ p: string }[]>`
      SELECT tableoid::regclass::text AS p FROM "PointsEntry" WHERE "source" = ${source} AND "ref" = ${ref}`
  ).map((r) => r.p)
const credit = (ref: string, at: Date, centi = 500) =>
  pointsRepo.append(stores.db.prisma, { districtId: g.districtId, memberId: g.memberId, unitId: g.unitId, source: 'task', ref, centi, at, ranked: true })

describe('the points ledger across a month boundary', () => {
  it('has its months made ahead and kept by retention', async () => {
    const db = stores.db.prisma
    await runRetention({ prisma: db, log: createLogger('silent'), counters: new Counters(), days: 90, cleanJobs: async () => 0 }, new Date('2027-09-15Z'))
    const names = (
      await db.$queryRaw<{ name: string }[]>`
        SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"PointsEntry"'::regclass`
    ).map((x) => x.name)
    expect(names).toEqual(
      expect.arrayContaining(['PointsEntry_default', 'PointsEntry_202611', 'PointsEntry_202612', 'PointsEntry_202710', 'PointsEntry_202711']),
    )
  })

  it('pays a credit paid again in the next month once, in its first month', async () => {
    const db = stores.db.prisma
    const before = await pointsRepo.balance(db, g.memberId)
    expect(await credit('T1', LAST_SECOND)).not.toBeNull()
    expect(await credit('T1', NEXT_MONTH)).toBeNull()
    expect(await db.pointsEntry.count({ where: { source: 'task', ref: 'T1' } })).toBe(1)
    expect(await partitionsOf('task', 'T1')).toEqual(['"PointsEntry_202611"'])
    expect((await pointsRepo.balance(db, g.memberId)) - before).toBe(500)
    // A spend takes its key too: the same redemption code cannot be spent twice.
    expect(
      await pointsRepo.spend(db, { districtId: g.districtId, memberId: g.memberId, unitId: g.unitId, source: 'redeem', ref: 'X1', cost: 100, at: NEXT_MONTH }),
    ).toBe(before + 400)
    await expect(
      pointsRepo.spend(db, { districtId: g.districtId, memberId: g.memberId, unitId: g.unitId, source: 'redeem', ref: 'X1', cost: 100, at: NEXT_MONTH }),
    ).rejects.toThrow()
    expect(await db.pointsKey.count({ where: { source: 'redeem', ref: 'X1' } })).toBe(1)
  })

  it('settles a check-in before midnight once, however often it runs', async () => {
    const db = stores.db.prisma
    await db.checkin.create({
      data: { memberId: g.memberId, unitId: g.unitId, roomId: g.roomId, type: 'patrol', at: LAST_SECOND, accountId: 'bot-main', messageId: 'c-boundary' },
    })
    const settle = () =>
      pointsRepo.settleCheckins(db, { districtId: g.districtId, unitIds: [g.unitId], centi: 100, perDay: 5, from: new Date('2026-11-30Z'), cutoff: NEXT_MONTH })
    expect(await settle()).toBe(1)
    expect(await settle()).toBe(0)
    expect(await db.pointsEntry.count({ where: { source: 'checkin' } })).toBe(1)
    const { balance, sum } = { balance: await pointsRepo.balance(db, g.memberId), sum: await pointsRepo.sumOfEntries(db, g.memberId) }
    expect(balance).toBe(sum)
  })

  it('reads entries of two months together, and refuses to change one', async () => {
    const db = stores.db.prisma
    expect(await credit('T2', NEXT_MONTH, 300)).not.toBeNull()
    const checkinRef = `C${(await db.checkin.findFirstOrThrow({ where: { messageId: 'c-boundary' } })).id}`
    expect((await pointsRepo.lastEntries(db, g.memberId, 10)).map((e) => e.ref)).toEqual(['T2', 'X1', checkinRef, 'T1'])
    const between = await pointsRepo.entriesBetween(db, g.districtId, new Date('2026-11-30Z'), new Date('2026-12-02Z'))
    expect(between.map((e) => e.ref)).toEqual(['T1', checkinRef, 'X1', 'T2'])
    await expect(db.$executeRaw`UPDATE "PointsEntry" SET "centi" = 0 WHERE "ref" = 'T1'`).rejects.toThrow(/append-only/)
    await expect(db.$executeRaw`DELETE FROM "PointsEntry" WHERE "ref" = 'T2'`).rejects.toThrow(/append-only/)
  })

  it('moves a month of the DEFAULT partition into its new partition, append-only as it is', async () => {
    const db = stores.db.prisma
    expect(await credit('T3', new Date('2028-03-05Z'))).not.toBeNull()
    expect(await partitionsOf('task', 'T3')).toEqual(['"PointsEntry_default"'])
    await db.$queryRaw`SELECT gridbot_month_partition('PointsEntry', '2028-03-01'::date)`
    expect(await partitionsOf('task', 'T3')).toEqual(['"PointsEntry_202803"'])
    await expect(db.$executeRaw`DELETE FROM "PointsEntry" WHERE "ref" = 'T3'`).rejects.toThrow(/append-only/)
  })
})
