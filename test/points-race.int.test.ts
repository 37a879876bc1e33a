// Redemptions at the same moment on real PostgreSQL (concurrent transactions, each its own connection): the last
// item in stock goes to exactly one member, and one member with points for one redemption gets exactly one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Effects } from '../src/core/effects.ts'
import { isAppError } from '../src/core/errors.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { inTransaction } from '../src/db/transaction.ts'
import { importOrg } from '../src/app/org-import.ts'
import { orgRepo } from '../src/kernel/org/org.repo.ts'
import { checkBalance, correct, earn, settleCheckins } from '../src/capabilities/points/points.service.ts'
import { redeem } from '../src/capabilities/points/redemption.service.ts'
import type { BoundRoom, MemberWithUnit } from '../src/kernel/org/org.types.ts'
import { approveAll, logHours } from '../src/capabilities/points/volunteer.service.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
const now = new Date('2026-11-20T09:00:00+08:00')
const member = async (wxid: string) => (await orgRepo.memberByWxid(stores.db.prisma, wxid)) as MemberWithUnit

beforeAll(async () => {
  stores = await freshStores()
  const spec = await loadOrgFile(DEMO_ORG)
  spec.catalogue.push({ item: '毛巾', points: 1, stock: 100, unit: '华府社区' }, { item: '肥皂', points: 1, stock: 10, unit: '华府社区' })
  await importOrg(stores.db.prisma, spec)
})
afterAll(() => stores?.cleanup())

type W = { db: Parameters<Parameters<typeof inTransaction>[1]>[0]; effects: Effects; now: Date }
const work = <T>(fn: (w: W) => Promise<T>, at: Date = now) => inTransaction(stores.db.prisma, (tx) => fn({ db: tx, effects: new Effects(), now: at }))
const room = async (topic: string) => (await stores.db.prisma.room.findFirstOrThrow({ where: { topic }, include: { unit: true } })) as BoundRoom
const codeOf = (e: unknown) => (isAppError(e) ? e.code : String(e).replace(/\s+/g, ' ').slice(-400))

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
    expect(left.reduce((s, i) => s + i.stock, 0)).toBe(109)
  })

  it('a retried earn pays once, even concurrently', async () => {
    const d = await member('wxid_zhoumin')
    await Promise.all(Array.from({ length: 5 }, () => give(d, 'V-retry', 120)))
    expect(await checkBalance({ db: stores.db.prisma }, d.id)).toEqual({ balance: 200, sum: 200 })
  })
})

describe('concurrent logging and approval', () => {
  it('two 10 h logs for one person at the same moment from two groups: the daily limit lets exactly one through', async () => {
    const yang = await member('wxid_yang')
    const wang = await member('wxid_wang')
    const [grid, community] = await Promise.all([room('华府社区5号网格群'), room('华府社区群')])
    for (let round = 0; round < 3; round++) {
      const day = new Date(now.getTime() - (round + 3) * 86_400_000)
      const results = await Promise.allSettled([
        work((w) => logHours({ ...w, actor: yang, room: grid, messageId: `a${round}` }, { people: [yang], duration: '10小时', activity: '助老服务', day })),
        work((w) =>
          logHours({ ...w, actor: wang, room: community, messageId: `b${round}` }, { people: [yang], duration: '10小时', activity: '夜间巡逻', day }),
        ),
      ])
      expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : codeOf(r.reason))).sort(), `round ${round}`).toEqual(['VOLUNTEER_DAILY_LIMIT', 'ok'])
    }
  })

  it('two bulk approvals at once: neither is refused, every entry is approved once, and together they report them all', async () => {
    const yang = await member('wxid_yang')
    const li = await member('wxid_lijiaxin')
    const grid = await room('华府社区5号网格群')
    const [wang, liu] = await Promise.all([member('wxid_wang'), member('wxid_liu')])
    const [cRoom, tRoom] = await Promise.all([room('华府社区群'), room('人和路街道工作群')])
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 12; i++)
        await work((w) =>
          logHours({ ...w, actor: yang, room: grid, messageId: `l${round}-${i}` }, { people: [yang, li], duration: '10分钟', activity: `活动${round}-${i}` }),
        )
      const pending = await stores.db.prisma.volunteerEntry.count({ where: { status: 'pending' } })
      const results = await Promise.allSettled([
        work((w) => approveAll({ ...w, actor: wang, room: cRoom, messageId: `w${round}` })),
        work((w) => approveAll({ ...w, actor: liu, room: tRoom, messageId: `u${round}` })),
      ])
      const refused = results.filter((r) => r.status === 'rejected').map((r) => codeOf(r.reason))
      expect(refused, `round ${round}`).toEqual([])
      const approved = results.map((r) => (r.status === 'fulfilled' ? r.value.count : 0))
      expect(approved[0]! + approved[1]!, `round ${round}`).toBe(pending)
      expect(await stores.db.prisma.volunteerEntry.count({ where: { status: 'pending' } })).toBe(0)
    }
    const paid = await stores.db.prisma.pointsEntry.groupBy({ by: ['ref', 'memberId'], where: { source: 'volunteer' }, _count: { _all: true } })
    expect(paid.every((p) => p._count._all === 1)).toBe(true)
  })
})

describe('redemption and the lazy check-in settlement', () => {
  it('two members redeem at once while check-ins wait to be settled: no deadlock (a redemption never locks another member’s balance)', async () => {
    const a = await member('wxid_yang')
    const b = await member('wxid_lijiaxin')
    const others = await Promise.all(['wxid_chenxiao', 'wxid_zhoumin', 'wxid_wang'].map(member))
    const grid = await room('华府社区5号网格群')
    await give(a, 'V-dl-a', 6000)
    await give(b, 'V-dl-b', 6000)
    let at = new Date(now.getTime() + 86_400_000)
    for (let round = 0; round < 8; round++) {
      // Check-ins of everyone, old enough to settle; the next redemption in the district settles them.
      for (const m of [a, b, ...others])
        await stores.db.prisma.checkin.create({
          data: { memberId: m.id, unitId: m.unitId, roomId: grid.id, type: 'patrol', at, accountId: 'bot-main', messageId: `dl-${round}-${m.id}` },
        })
      at = new Date(at.getTime() + 86_400_000) // a day later: each check-in earns (at most 2 a day)
      const r = await Promise.allSettled([
        work((w) => redeem(w, { member: a, roomId: grid.id, itemName: '毛巾' }), at),
        work((w) => redeem(w, { member: b, roomId: grid.id, itemName: '毛巾' }), at),
      ])
      expect(
        r.filter((x) => x.status === 'rejected').map((x) => codeOf(x.reason)),
        `round ${round}`,
      ).toEqual([])
    }
    // The redeemers' own check-ins were settled (and the district's settle later writes each once).
    await work((w) => settleCheckins(w, a.unit.districtId ?? a.unit.id), at)
    for (const m of [a, b, ...others]) {
      const bal = await checkBalance({ db: stores.db.prisma }, m.id)
      expect(bal.balance).toBe(bal.sum)
    }
    expect(await stores.db.prisma.pointsEntry.count({ where: { source: 'checkin' } })).toBe(8 * 5)
  })
})

describe('redemption codes are unique by construction (issue #29)', () => {
  it('a drawn code that is already issued is drawn again (the unique constraint on PostgreSQL decides)', async () => {
    const m = await member('wxid_yang')
    await give(m, 'V-code-a', 600)
    const first = await work((w) => redeem(w, { member: m, roomId: 1, itemName: '毛巾', draw: () => 'K7Q2MX' }))
    expect(first.code).toBe('K7Q2MX')
    const draws = ['K7Q2MX', 'K7Q2MX', 'P3RW8N']
    const second = await work((w) => redeem(w, { member: m, roomId: 1, itemName: '毛巾', draw: () => draws.shift()! }))
    expect(second.code).toBe('P3RW8N')
    expect(draws).toEqual([])
    const codes = (await stores.db.prisma.redemption.findMany({ where: { code: { in: ['K7Q2MX', 'P3RW8N'] } }, select: { code: true } })).map((r) => r.code)
    expect(codes.sort()).toEqual(['K7Q2MX', 'P3RW8N'])
  })
  it('when no free code can be drawn, nothing is taken: stock and balance stay', async () => {
    const m = await member('wxid_yang')
    const stock = async () => (await stores.db.prisma.catalogueItem.findFirstOrThrow({ where: { name: '毛巾' } })).stock
    const [before, balance] = [await stock(), await checkBalance({ db: stores.db.prisma }, m.id)]
    await expect(work((w) => redeem(w, { member: m, roomId: 1, itemName: '毛巾', draw: () => 'K7Q2MX' }))).rejects.toThrow('free redemption code')
    expect(await stock()).toBe(before)
    expect(await checkBalance({ db: stores.db.prisma }, m.id)).toEqual(balance)
  })
})

describe('concurrent corrections', () => {
  it('three #冲正 of one record at once from three groups: one reversal, and the two others hear what the sequential case says', async () => {
    const yang = await member('wxid_yang')
    await give(yang, 'V90', 120)
    const [wang, liu, sun] = await Promise.all([member('wxid_wang'), member('wxid_liu'), member('wxid_sun')])
    const rooms = await Promise.all([room('华府社区群'), room('人和路街道工作群'), room('二七区网格总群')])
    const results = await Promise.allSettled(
      [wang, liu, sun].map((actor, i) => work((w) => correct(w, { actor, room: rooms[i]!, source: 'volunteer', number: 90, label: 'V90', reason: '重复' }))),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const losers = results.filter((r) => r.status === 'rejected').map((r) => r.reason)
    expect(losers.map(codeOf)).toEqual(['POINTS_ALREADY_REVERSED', 'POINTS_ALREADY_REVERSED'])
    for (const e of losers) expect(isAppError(e) && e.userMessage).toMatch(/V90 的积分已于 .* 冲正过\(理由:重复\),无需再冲正/)
    expect(await stores.db.prisma.pointsEntry.count({ where: { source: 'correction', ref: { startsWith: 'rev:' }, memberId: yang.id } })).toBe(1)
  })
})
