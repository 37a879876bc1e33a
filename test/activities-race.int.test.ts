// Sign-ups at the same moment on real PostgreSQL (concurrent transactions, each its own connection): the last place
// of an activity goes to exactly one person, the other waits; a burst of sign-ups never fills more than the capacity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Effects } from '../src/core/effects.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { inTransaction } from '../src/db/transaction.ts'
import { importOrg } from '../src/app/org-import.ts'
import { orgRepo } from '../src/kernel/org/org.repo.ts'
import type { BoundRoom, MemberWithUnit } from '../src/kernel/org/org.types.ts'
import { createActivity } from '../src/capabilities/activities/activity.service.ts'
import { signUp } from '../src/capabilities/activities/signup.service.ts'
import { parseActivityDraft } from '../src/parser/activity-args.ts'
import { earn } from '../src/capabilities/points/points.service.ts'
import { checkOff, redeem } from '../src/capabilities/points/redemption.service.ts'
import { isAppError } from '../src/core/errors.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
const now = new Date('2026-11-20T09:00:00+08:00')
const member = async (wxid: string) => (await orgRepo.memberByWxid(stores.db.prisma, wxid)) as MemberWithUnit
const room = async (topic: string) => (await stores.db.prisma.room.findFirstOrThrow({ where: { topic }, include: { unit: true } })) as BoundRoom

beforeAll(async () => {
  stores = await freshStores()
  const spec = await loadOrgFile(DEMO_ORG)
  spec.catalogue.push({ item: '泽古', points: 1, currency: true, stock: 1000, unit: '华府社区', provider: { wxid: 'wxid_chenxiao', name: '爱心超市' } })
  await importOrg(stores.db.prisma, spec)
})
afterAll(() => stores?.cleanup())

type W = { db: Parameters<Parameters<typeof inTransaction>[1]>[0]; effects: Effects; now: Date }
const work = <T>(fn: (w: W) => Promise<T>) => inTransaction(stores.db.prisma, (tx) => fn({ db: tx, effects: new Effects(), now }))

async function activity(words: string[]) {
  const r = parseActivityDraft(words, now)
  if (!r.ok) throw new Error(JSON.stringify(r.problem))
  const here = await room('华府社区群')
  const wang = await member('wxid_wang')
  return (await work((w) => createActivity({ ...w, room: here, messageId: `m-${words.join('')}` }, { actor: wang, draft: r.draft }))).activity
}

describe('concurrent sign-ups', () => {
  it('two people take the last place at once: exactly one gets it, the other waits', async () => {
    const a = await activity(['明天上午9点', '义诊', '限1人'])
    const grid = await room('华府社区5号网格群')
    const people = [await member('wxid_lijiaxin'), await member('wxid_yang')]
    const results = await Promise.all(
      people.map((m) =>
        work((w) =>
          signUp({ ...w, room: grid, messageId: `s-${m.id}` }, { wxid: m.wxid, name: m.name, member: m }, { number: a.number, label: `A${a.number}` }),
        ),
      ),
    )
    expect(results.map((r) => r.signup.status).sort()).toEqual(['signed', 'waiting'])
    expect(await stores.db.prisma.activitySignup.count({ where: { activityId: a.id, status: 'signed' } })).toBe(1)
  })

  it('ten residents at once for three places: three signed, seven waiting in order', async () => {
    const a = await activity(['明天下午3点', '包饺子', '限3人'])
    const grid = await room('华府社区5号网格群')
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        work((w) =>
          signUp(
            { ...w, room: grid, messageId: `r-${i}` },
            { wxid: `wxid_resident_${i}`, name: `居民${i}`, member: null },
            { number: a.number, label: `A${a.number}` },
          ),
        ),
      ),
    )
    const rows = await stores.db.prisma.activitySignup.findMany({ where: { activityId: a.id } })
    expect(rows.filter((r) => r.status === 'signed')).toHaveLength(3)
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(7)
  })
})

describe('泽古 as a currency', () => {
  it('one code worth 4, spent atomically; the provider checks it off once and hears the amount', async () => {
    const yang = await member('wxid_yang')
    await work((w) => earn(w, { memberId: yang.id, unitId: yang.unitId, source: 'volunteer', ref: 'V-zegu', at: now, minutes: 300, activity: '助老服务' }))
    // Two redemptions of 4 at once with 5 points: exactly one, and the refused one took nothing from stock.
    const results = await Promise.allSettled([0, 1].map(() => work((w) => redeem(w, { member: yang, roomId: 1, itemName: '泽古 4' }))))
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    expect(ok).toHaveLength(1)
    expect(results.filter((r) => r.status === 'rejected').map((r) => (isAppError(r.reason) ? r.reason.code : String(r.reason)))).toEqual([
      'REDEEM_INSUFFICIENT',
    ])
    expect((await stores.db.prisma.catalogueItem.findFirstOrThrow({ where: { name: '泽古' } })).stock).toBe(996)
    const code = ok[0]!.code
    expect(await stores.db.prisma.redemption.findUniqueOrThrow({ where: { code } })).toMatchObject({ amount: 4, centi: 400 })
    const shop = await member('wxid_chenxiao')
    const used = await work((w) => checkOff(w, { actor: shop, code }))
    expect(used.amount).toBe(4)
    await expect(work((w) => checkOff(w, { actor: shop, code }))).rejects.toMatchObject({ code: 'REDEEM_CODE_USED' })
    for (const bad of ['泽古 0', '泽古 -4', '泽古 1e9', '泽古 2.5'])
      await expect(work((w) => redeem(w, { member: yang, roomId: 1, itemName: bad }))).rejects.toMatchObject({ code: 'REDEEM_AMOUNT' })
  })
})
