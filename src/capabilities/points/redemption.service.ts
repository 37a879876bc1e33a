// 兑换 and 核销: spending points on the catalogue's items. One redemption takes one item from stock (a conditional
// update: never below zero, whoever is concurrent), spends the points (a conditional decrement of the member's
// balance in the same statement as the ledger row: never below zero either) and issues a random single-use code;
// any refusal rolls all of it back. #核销 marks the code used exactly once. A 0-point item is free: stock and a
// code, no ledger row. Lock order, always: the redeemer's own balance row, then the item's row — a redemption never
// locks another member's balance row (it settles only the redeemer's own check-ins), so two redemptions cannot
// deadlock (test/points-race.int.test.ts).
import { must } from '../../core/must.ts'
import { randomInt } from 'node:crypto'
import type { Work } from '../../kernel/work.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type MemberWithUnit } from '../../kernel/org/org.types.ts'
import { makeCode, mayCheckOff, normaliseCode, pickCurrency, pickItem, MAX_CURRENCY_AMOUNT } from './points-rules.ts'
import { balanceOf, refuse, settleCheckins, settleCheckinsOf } from './points.service.ts'
import { pointsRepo } from './points.repo.ts'
import { redeemTexts } from './points.texts.ts'
import type { CatalogueItem } from './points.types.ts'

/** Items a member can redeem: offered by their own unit or any unit above it, nearest first. */
async function itemsFor(w: Work, member: MemberWithUnit): Promise<CatalogueItem[]> {
  const chain = member.unit.path.split('/').filter(Boolean).map(Number).reverse()
  const items = (await pointsRepo.activeItemsIn(w.db, chain)) as CatalogueItem[]
  return items.sort((a, b) => chain.indexOf(a.unitId) - chain.indexOf(b.unitId) || a.centi - b.centi)
}

export async function catalogueFor(w: Work, member: MemberWithUnit) {
  await settleCheckins(w, districtOf(member.unit))
  const [items, balance] = await Promise.all([itemsFor(w, member), balanceOf(w, member.id)])
  return { items, balance }
}

/** A random code from the crypto generator: unguessable, not sequential. */
export const newCode = () => makeCode((n) => randomInt(n))

/**
 * Unique by construction (issue #29): the code's unique constraint decides — `insert` is false on a collision — and a
 * collision draws again; random codes alone would now and then repeat. Gives up (an error) after `tries` draws.
 */
export async function freeCode(draw: () => string, insert: (code: string) => Promise<boolean>, tries = 6): Promise<string> {
  for (let i = 0; i < tries; i++) {
    const code = draw()
    if (await insert(code)) return code
  }
  throw new Error(`could not draw a free redemption code in ${tries} tries`)
}

/** `draw` is for tests that force a collision; codes are drawn by newCode. */
export async function redeem(w: Work, a: { member: MemberWithUnit; roomId: number; itemName: string; draw?: () => string }) {
  await settleCheckinsOf(w, a.member)
  await pointsRepo.lockBalance(w.db, a.member.id)
  const items = await itemsFor(w, a.member)
  const currency = pickCurrency(items, a.itemName)
  if (currency) return redeemAmount(w, a, currency.item, currency.amount)
  const picked = pickItem(items, a.itemName)
  if (picked.kind === 'count') throw refuse('REDEEM_ONE_AT_A_TIME', redeemTexts.oneAtATime(picked.name))
  if (picked.kind === 'ambiguous') throw refuse('REDEEM_AMBIGUOUS', redeemTexts.ambiguous(picked.name, picked.names))
  if (picked.kind === 'none')
    throw refuse(
      'REDEEM_UNKNOWN_ITEM',
      redeemTexts.unknownItem(
        picked.name,
        items.map((i) => i.name),
      ),
    )
  const item = picked.item
  if (!(await pointsRepo.takeOne(w.db, item.id))) throw refuse('REDEEM_SOLD_OUT', redeemTexts.soldOut(item))
  const code = await freeCode(a.draw ?? newCode, (code) =>
    pointsRepo.createRedemption(w.db, { code, itemId: item.id, memberId: a.member.id, centi: item.centi, roomId: a.roomId, createdAt: w.now }),
  )
  // Free (0 points): nothing to spend, so no ledger row; the redemption and its code are the record.
  if (item.centi <= 0) return { item, code, balance: await balanceOf(w, a.member.id) }
  const balance = await pointsRepo.spend(w.db, {
    districtId: districtOf(a.member.unit),
    memberId: a.member.id,
    unitId: a.member.unitId,
    source: 'redeem',
    ref: code,
    cost: item.centi,
    reason: item.name,
    actorId: a.member.id,
    at: w.now,
  })
  // Not enough: the error rolls back the stock taken and the code drawn.
  if (balance === null) throw refuse('REDEEM_INSUFFICIENT', redeemTexts.insufficient(item, await balanceOf(w, a.member.id)))
  return { item, code, balance }
}

/**
 * A currency (泽古) in a whole amount: `amount` units from what the provider backs and `amount × rate` points, one
 * code worth it all; the same conditional updates as one item, so a refusal leaves nothing half-spent.
 */
async function redeemAmount(w: Work, a: { member: MemberWithUnit; roomId: number; draw?: () => string }, item: CatalogueItem, amount: number | null) {
  if (amount === null) throw refuse('REDEEM_AMOUNT', redeemTexts.amountMissing(item.name))
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_CURRENCY_AMOUNT)
    throw refuse('REDEEM_AMOUNT', redeemTexts.badAmount(item.name, MAX_CURRENCY_AMOUNT))
  if (!(await pointsRepo.takeMany(w.db, item.id, amount))) throw refuse('REDEEM_SOLD_OUT', redeemTexts.soldOutAmount(item, item.stock))
  const centi = item.centi * amount
  const code = await freeCode(a.draw ?? newCode, (code) =>
    pointsRepo.createRedemption(w.db, { code, itemId: item.id, memberId: a.member.id, centi, roomId: a.roomId, createdAt: w.now, amount }),
  )
  const balance =
    centi <= 0
      ? await balanceOf(w, a.member.id)
      : await pointsRepo.spend(w.db, {
          districtId: districtOf(a.member.unit),
          memberId: a.member.id,
          unitId: a.member.unitId,
          source: 'redeem',
          ref: code,
          cost: centi,
          reason: `${item.name} ${amount}`,
          actorId: a.member.id,
          at: w.now,
        })
  if (balance === null) throw refuse('REDEEM_INSUFFICIENT', redeemTexts.insufficientAmount(item, amount, await balanceOf(w, a.member.id)))
  return { item, code, balance, amount }
}

export async function checkOff(w: Work, a: { actor: MemberWithUnit; code: string }) {
  const code = normaliseCode(a.code)
  const r = await pointsRepo.redemptionByCode(w.db, code)
  if (!r) throw refuse('REDEEM_CODE_UNKNOWN', redeemTexts.unknownCode(code))
  const item = (await pointsRepo.itemById(w.db, r.itemId)) as CatalogueItem
  const unit = must(await orgRepo.unitById(w.db, item.unitId), 'UNIT_MISSING')
  // Another district's live code is answered as an unknown one: no oracle telling codes that exist (issue #29).
  if (districtOf(unit) !== districtOf(a.actor.unit)) throw refuse('REDEEM_CODE_UNKNOWN', redeemTexts.unknownCode(code))
  if (!mayCheckOff(a.actor, { unit, providerWxid: item.providerWxid })) throw refuse('REDEEM_CHECKOFF_DENIED', redeemTexts.checkOffDenied())
  if (!(await pointsRepo.useRedemption(w.db, r.id, a.actor.id, w.now))) {
    const now = await pointsRepo.redemptionByCode(w.db, code)
    throw refuse('REDEEM_CODE_USED', redeemTexts.alreadyUsed(code, now?.usedAt ?? null))
  }
  const [holder] = await orgRepo.membersByIds(w.db, [r.memberId])
  return { code, item, memberName: holder?.name ?? '', memberWxid: holder?.wxid, amount: item.currency ? (r as { amount: number }).amount : null }
}
