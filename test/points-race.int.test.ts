// Redemptions at the same moment on real PostgreSQL (concurrent transactions, each its own connection): the last
// item in stock goes to exactly one member, and one member with points for one redemption gets exactly one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Effects } from '../src/core/effects.ts'
import { isAppError } from '../src/core/errors.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { inTransaction } from '../src/db/transaction.ts'
import { importOrg } from '../src/domain/org/org-import.service.ts'
import { orgRepo } from '../src/domain/org/org.repo.ts'
import { checkBalance, earn } from '../src/domain/points/points.service.ts'
import { redeem } from '../src/domain/points/redemption.service.ts'
import type { MemberWithUnit } from '../src/domain/org/org.types.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
const now = new Date('2026-11-20T09:00:00+08:00')
const member = async (wxid: string) => (await orgRepo.memberByWxid(stores.db.prisma, wxid)) as MemberWithUnit

beforeAll(async () => {
  stores = await freshStores()
  const spec = await loadOrgFile(DEMO_ORG)
  spec.catalogue.push({ item: '毛巾', points: 1, stock: 10, unit: '华府社区' }, { item: '肥皂', points: 1, stock: 10, unit: '华府社区' })
  await importOrg(stores.db.prisma, spec)
})
afterAll(() => stores?.cleanup())

const work = <T>(fn: (w: { db: Parameters<Parameters<typeof inTransaction>[1]>[0]; effects: Effects; now: Date }) => Promise<T>) =>
  inTransaction(stores.db.prisma, (tx) => fn({ db: tx, effects: new Effects(), now }))

async function give(m: MemberWithUnit, ref: string, minutes: number) {
  await work((w) => earn(w, { memberId: m.id, unitId: m.unitId, source: 'volunteer', ref, at: now, minutes, activity: '助老服务' }))
}

/** Runs the redemptions at once; counts the successes and the refusals by code. */
async function race(attempts: { m: MemberWithUnit; item: string }[]) {
  const results = await Promise.allSettled(attempts.map((a) => work((w) => redeem(w, { member: a.m, roomId: 1, itemName: a.item }))))
  const refused = results.filter((r) => r.status === 'rejected').map((r) => (isAppError(r.reason) ? r.reason.code : String(r.reason)))
  return { ok: results.filter((r) => r.status === 'fulfilled').length, refused }
}

describe('concurrent redemptions', () => {
  it('two members redeem the last item in stock at once: exactly one gets it', async () => {
    const a = await member('wxid_yang')
    const b = await member('wxid_lijiaxin')
    await give(a, 'V-race-a', 600)
    await give(b, 'V-race-b', 600)
    // 微心愿: 1 in stock (the demo catalogue).
    const r = await race([
      { m: a, item: '微心愿' },
      { m: b, item: '微心愿' },
    ])
    expect(r).toEqual({ ok: 1, refused: ['REDEEM_SOLD_OUT'] })
    expect((await stores.db.prisma.catalogueItem.findFirstOrThrow({ where: { name: '微心愿' } })).stock).toBe(0)
    expect(await stores.db.prisma.redemption.count()).toBe(1)
    for (const m of [a, b]) {
      const bal = await checkBalance({ db: stores.db.prisma }, m.id)
      expect(bal.balance).toBe(bal.sum)
    }
  })

  it('one member with points for one redemption redeems twice at once: exactly one succeeds, the balance never goes below zero', async () => {
    const c = await member('wxid_chenxiao')
    await give(c, 'V-race-c', 60) // 1 point
    for (let round = 0; round < 5; round++) {
      const r = await race([
        { m: c, item: '毛巾' },
        { m: c, item: '肥皂' },
      ])
      expect(r.ok, `round ${round}`).toBe(round === 0 ? 1 : 0)
      const bal = await checkBalance({ db: stores.db.prisma }, c.id)
      expect(bal).toEqual({ balance: 0, sum: 0 })
    }
    // The refused redemption took nothing from stock.
    const left = await stores.db.prisma.catalogueItem.findMany({ where: { name: { in: ['毛巾', '肥皂'] } } })
    expect(left.reduce((s, i) => s + i.stock, 0)).toBe(19)
  })

  it('a retried earn pays once, even concurrently', async () => {
    const d = await member('wxid_zhoumin')
    await Promise.all(Array.from({ length: 5 }, () => give(d, 'V-retry', 120)))
    expect(await checkBalance({ db: stores.db.prisma }, d.id)).toEqual({ balance: 200, sum: 200 })
  })
})
