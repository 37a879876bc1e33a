// The points ledger: earning by policy (the hook other capabilities call), balances, statements, corrections, and
// the lazy settlement of check-ins. Append-only: nothing here (or anywhere) updates or deletes a ledger row; a
// correction is a reversing row with a reason, and the database refuses UPDATE/DELETE on the table (trigger).
import { refuser } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { startOfLocalDay } from '../../core/time.ts'
import type { DbOrTx } from '../../db/client.ts'
import { CHECKIN_UNDO_WINDOW_MS as UNDO_WINDOW_MS } from '../../kernel/time/undo-window.ts'
import { refInRange } from '../../parser/refs.ts'
import { itemRepo } from '../../kernel/items/item.repo.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type MemberWithUnit, type Unit } from '../../kernel/org/org.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import type { Work } from '../../kernel/work.ts'
import { resolvePointsPolicy, type PointsPolicy } from './points-policy.ts'
import { applyEarning, applyReversal, eventCenti, mayApprove, serviceCenti, type EarnSource } from './points-rules.ts'
import { ledgerTexts } from './points.texts.ts'
import { pointsRepo } from './points.repo.ts'
import type { LedgerEntry } from './points.types.ts'

/** The points policy in force for a unit (its ancestors' `policies.points` merged down to it). */
export async function pointsPolicyFor(db: DbOrTx, unit: Unit): Promise<PointsPolicy> {
  const chain = [...(await orgRepo.ancestors(db, unit)), unit]
  return resolvePointsPolicy(chain.map((u) => u.policy))
}

export interface EarnInput {
  memberId: number
  /** The member's unit: its policy applies, and the points count for it in unit rankings. */
  unitId: number
  source: EarnSource
  /** What earned it, unique per district, source and member: 'V31', 'T12', 'H7', 'R5:T12'. A second call with it pays nothing. */
  ref: string
  at: Date
  /** For source 'volunteer': the approved service. */
  minutes?: number
  activity?: string
  actorId?: number | null
}

/**
 * The hook: applies the unit's points policy to one event and appends it to the ledger, once per (district, source,
 * ref, member) — a retried handler never pays twice. Returns what was written, or null when the policy gives 0 for it
 * (switched off) or it was paid before. What was owed (待抵扣, a sum below zero) is paid first: `paidOwed` says how much.
 */
export async function earn(w: Work, input: EarnInput): Promise<{ centi: number; balance: number; paidOwed: number; owedLeft: number } | null> {
  const unit = await orgRepo.unitById(w.db, input.unitId)
  if (!unit) return null
  const policy = await pointsPolicyFor(w.db, unit)
  const centi = input.source === 'volunteer' ? serviceCenti(input.minutes ?? 0, input.activity ?? '', policy) : eventCenti(input.source, policy)
  if (centi <= 0) return null
  const r = await pointsRepo.append(w.db, {
    districtId: districtOf(unit),
    memberId: input.memberId,
    unitId: unit.id,
    source: input.source,
    ref: input.ref,
    centi,
    actorId: input.actorId ?? null,
    at: input.at,
    ranked: true,
  })
  if (!r) return null
  const { paidOwed, owedLeft } = applyEarning(r.balance, centi)
  return { centi, balance: r.balance, paidOwed, owedLeft }
}

/** What #冲正 takes: every earning source with an id people type (check-ins have none: see the README). */
export type CorrectableSource = 'volunteer' | 'task' | 'hazard' | 'project'

/** The record an id names: the group its points were earned in, and the unit that owns what its text says. */
async function recordOf(w: Work, districtId: number, source: CorrectableSource, number: number): Promise<{ roomId: number; unitId: number } | null> {
  if (!refInRange(number)) return null
  if (source === 'volunteer') {
    const v = await pointsRepo.volunteerByNumber(w.db, districtId, number)
    return v && { roomId: v.roomId, unitId: v.unitId }
  }
  // A hazard's: the group it was reported in, the unit that reported it (see itemRepo).
  const r = await itemRepo.byNumber(w.db, source, districtId, number)
  return r && { roomId: r.roomId, unitId: r.unitId }
}

export interface CorrectInput {
  actor: MemberWithUnit
  /** The room the correction is said in (what is said there is masked unless it owns the record). */
  room: { id: number; unitId: number }
  source: CorrectableSource
  number: number
  /** V31, T12, H7, P3. */
  label: string
  reason: string
}

/**
 * #冲正: a supervisor over every member the record paid reverses those entries (one reversing row each, with the
 * reason and who did it), within the sender's district — ids are per district. A task's correction also reverses
 * what the resources it used paid their providers. Nobody corrects their own points. Each member reversed is told,
 * @-ed, in the group where the points were earned; the reason is masked wherever it leaves the record's unit.
 */
export async function correct(w: Work, a: CorrectInput) {
  const districtId = districtOf(a.actor.unit)
  const entries = [
    ...(await pointsRepo.entriesByRef(w.db, districtId, a.source, a.label)),
    ...(a.source === 'task' ? await pointsRepo.resourceEntriesOfTask(w.db, districtId, a.label) : []),
  ]
  if (!entries.length) throw refuse('POINTS_REVERSE_NOTHING', ledgerTexts.reverseNothing(a.label))
  const record = await recordOf(w, districtId, a.source, a.number)
  const ownerUnitId = record?.unitId ?? a.actor.unitId
  const here = (text: string) => textFor(a.room.unitId, ownerUnitId, text)
  const people = await orgRepo.membersByIds(w.db, [...new Set(entries.map((e) => e.memberId))])
  for (const p of people)
    if (!mayApprove(a.actor, { memberId: p.id, unit: p.unit }).ok) throw refuse('POINTS_REVERSE_DENIED', ledgerTexts.reverseDenied(a.label))
  const ids = entries.map((e) => e.id)
  const reversed = new Set((await pointsRepo.reversalsOf(w.db, ids)).map((r) => r.reversesId))
  const open = entries.filter((e) => !reversed.has(e.id))
  const alreadyReversed = async () => {
    const [last] = await pointsRepo.reversalsOf(w.db, ids)
    const [by] = last?.actorId ? await orgRepo.membersByIds(w.db, [last.actorId]) : []
    return refuse('POINTS_ALREADY_REVERSED', here(ledgerTexts.alreadyReversed(a.label, last?.at ?? null, by?.name ?? '', last?.reason ?? '')))
  }
  const [firstOpen] = open
  if (!firstOpen) throw await alreadyReversed()
  const done = await reverseEntries(w, { districtId, actorId: a.actor.id, reason: a.reason, recordRoomId: record?.roomId ?? null }, open)
  // Every reversal lost to a concurrent #冲正 of the same record (it committed first): the same answer as in turn.
  if (!done.length) throw await alreadyReversed()
  const byId = new Map(people.map((p) => [p.id, p]))
  const rows = done.map((d) => ({ name: byId.get(d.memberId)?.name ?? '', centi: d.centi, owedAdded: d.owedAdded, owed: d.owed }))
  const mentionHere = await tellReversed(w, { a, districtId, ownerUnitId, byId, firstOpenId: firstOpen.id }, done)
  return { label: a.label, rows, reason: a.reason, ownerUnitId, mentionIds: mentionHere }
}

/** What #冲正 did (the command words it with ledgerTexts.reverseDone, masked unless said in the owning unit's group). */
export type CorrectOutcome = Awaited<ReturnType<typeof correct>>

type Reversed = { memberId: number; centi: number; roomId: number | null; owedAdded: number; owed: number }
type OpenEntry = Awaited<ReturnType<typeof pointsRepo.entriesByRef>>[number]

/** One reversing row per open entry (with the reason and who did it); what each took back and where it was earned. */
async function reverseEntries(
  w: Work,
  c: { districtId: number; actorId: number; reason: string; recordRoomId: number | null },
  open: OpenEntry[],
): Promise<Reversed[]> {
  const done: Reversed[] = []
  for (const e of open) {
    const r = await pointsRepo.append(w.db, {
      districtId: c.districtId,
      memberId: e.memberId,
      unitId: e.unitId,
      source: 'correction',
      ref: `rev:${e.id}`,
      centi: -e.centi,
      reason: c.reason,
      reversesId: e.id,
      actorId: c.actorId,
      at: w.now,
      // It takes back what the entry added to its month's ranking.
      monthAt: e.at,
      ranked: e.source !== 'redeem',
    })
    if (!r) continue
    // Where it was earned: the record's group; a resource's provider, the group the resource was offered in.
    const res = e.source === 'resource' ? /^R(\d+):/.exec(e.ref) : null
    const roomId = res ? ((await itemRepo.byNumber(w.db, 'resource', c.districtId, Number(res[1])))?.roomId ?? null) : c.recordRoomId
    // Points already spent cannot come off the balance: what they were is owed (待抵扣), paid by later earnings.
    const { owedAdded, owed } = e.centi > 0 ? applyReversal(r.balance, e.centi) : { owedAdded: 0, owed: 0 }
    done.push({ memberId: e.memberId, centi: -e.centi, roomId, owedAdded, owed })
  }
  return done
}

/** Each member reversed hears it where the points were earned (said in the correcting group, the reply @-s them):
 *  the ones to @ here are returned. */
async function tellReversed(
  w: Work,
  c: { a: CorrectInput; districtId: number; ownerUnitId: number; byId: Map<number, { name: string; wxid: string | null }>; firstOpenId: number },
  done: Reversed[],
): Promise<string[]> {
  const { a, byId } = c
  const mentionHere: string[] = []
  for (const roomId of new Set(done.map((d) => d.roomId))) {
    const mine = done.filter((d) => d.roomId === roomId)
    const wxids = [...new Set(mine.map((d) => byId.get(d.memberId)?.wxid).filter((x): x is string => !!x))]
    if (roomId === a.room.id) {
      mentionHere.push(...wxids)
      continue
    }
    const room = roomId === null ? null : await orgRepo.roomById(w.db, roomId)
    if (!room?.wxRoomId) continue
    const text = ledgerTexts.reversedNotice(
      a.label,
      mine.map((d) => ({ name: byId.get(d.memberId)?.name ?? '', centi: d.centi, owedAdded: d.owedAdded, owed: d.owed })),
      a.reason,
      a.actor.name,
    )
    w.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text: textFor(room.unitId, c.ownerUnitId, text), mentionIds: wxids },
      jobId('points-correction', c.districtId, a.label, roomId ?? 0, c.firstOpenId),
    )
  }
  return mentionHere
}

/**
 * Check-ins earn points, but not on the check-in hot path (one SQL statement, measured in BENCHMARKS.md): they are
 * settled into the ledger here, lazily, whenever someone reads or spends points in the district (#积分, #兑换,
 * #排行, the export). Only check-ins older than the undo window are settled, so an undone check-in never pays; the
 * district's cursor remembers how far it got, and the day it stopped in is looked at again (the per-day cap counts
 * the whole day). Concurrent settlements: the second skips (a try-lock), and the ledger's unique key makes a
 * repeated one write nothing. Call it first in a unit of work (before anything takes a balance row's lock).
 */
export async function settleCheckins(w: Work, districtId: number): Promise<number> {
  const cutoff = new Date(w.now.getTime() - UNDO_WINDOW_MS)
  const upTo = await pointsRepo.cursor(w.db, districtId, 'checkin')
  if (upTo && upTo.getTime() >= cutoff.getTime()) return 0
  if (!(await pointsRepo.trySettleLock(w.db, districtId))) return 0
  const from = upTo ? startOfLocalDay(upTo) : new Date(0)
  let written = 0
  for (const g of await checkinGroups(w, districtId)) written += await pointsRepo.settleCheckins(w.db, { districtId, ...g, from, cutoff })
  await pointsRepo.advanceCursor(w.db, districtId, 'checkin', cutoff)
  return written
}

/**
 * The same settlement for one member only (#兑换: the redeemer spends what their check-ins earned), writing no other
 * member's rows — so it takes no other member's balance lock — and leaving the district's cursor alone: the
 * district's next settlement picks the same check-ins (the earliest of each day) and finds them written.
 */
export async function settleCheckinsOf(w: Work, member: { id: number; unit: Unit }): Promise<number> {
  const districtId = districtOf(member.unit)
  const cutoff = new Date(w.now.getTime() - UNDO_WINDOW_MS)
  const upTo = await pointsRepo.cursor(w.db, districtId, 'checkin')
  if (upTo && upTo.getTime() >= cutoff.getTime()) return 0
  const from = upTo ? startOfLocalDay(upTo) : new Date(0)
  let written = 0
  for (const g of await checkinGroups(w, districtId)) written += await pointsRepo.settleCheckins(w.db, { districtId, ...g, from, cutoff, memberId: member.id })
  return written
}

/** The district's units grouped by what a check-in earns there (usually one group: the district's policy). */
async function checkinGroups(w: Work, districtId: number) {
  const units = await orgRepo.unitsOfDistrict(w.db, districtId)
  const byId = new Map(units.map((u) => [u.id, u]))
  const groups = new Map<string, { centi: number; perDay: number; unitIds: number[] }>()
  for (const u of units) {
    const chain = u.path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(Number(id))?.policy)
    const p = resolvePointsPolicy(chain)
    const centi = eventCenti('checkin', p)
    if (centi <= 0 || p.checkinPerDay <= 0) continue
    const key = `${centi}|${p.checkinPerDay}`
    const g = groups.get(key) ?? { centi, perDay: p.checkinPerDay, unitIds: [] }
    g.unitIds.push(u.id)
    groups.set(key, g)
  }
  return [...groups.values()]
}

/** A member's balance (the sum of their entries, kept beside the ledger) and their last entries. */
export async function statement(w: Work, member: { id: number; unit: Unit }, take = 5): Promise<{ balance: number; last: LedgerEntry[] }> {
  await settleCheckins(w, districtOf(member.unit))
  const [balance, last] = await Promise.all([pointsRepo.balance(w.db, member.id), pointsRepo.lastEntries(w.db, member.id, take)])
  return { balance, last }
}

export const balanceOf = (w: Pick<Work, 'db'>, memberId: number) => pointsRepo.balance(w.db, memberId)

/** For tests and audits: the balance row against the sum of the ledger. */
export async function checkBalance(w: Pick<Work, 'db'>, memberId: number): Promise<{ balance: number; sum: number }> {
  const [balance, sum] = await Promise.all([pointsRepo.balance(w.db, memberId), pointsRepo.sumOfEntries(w.db, memberId)])
  return { balance, sum }
}

/** Every refusal points answers with (tests assert these; its texts module words them). */
import type { ApprovalRefusal } from './points-rules.ts'
export type PointsRefusalCode =
  | `VOLUNTEER_${ApprovalRefusal}`
  | 'POINTS_ALREADY_REVERSED'
  | 'POINTS_REVERSE_DENIED'
  | 'POINTS_REVERSE_NOTHING'
  | 'RANK_SCOPE'
  | 'REDEEM_AMBIGUOUS'
  | 'REDEEM_AMOUNT'
  | 'REDEEM_CHECKOFF_DENIED'
  | 'REDEEM_CODE_UNKNOWN'
  | 'REDEEM_CODE_USED'
  | 'REDEEM_INSUFFICIENT'
  | 'REDEEM_ONE_AT_A_TIME'
  | 'REDEEM_SOLD_OUT'
  | 'REDEEM_UNKNOWN_ITEM'
  | 'VOLUNTEER_ACTIVITY_LONG'
  | 'VOLUNTEER_DAILY_LIMIT'
  | 'VOLUNTEER_DECIDED'
  | 'VOLUNTEER_NOT_HERE'
  | 'VOLUNTEER_TOO_LONG'
  | 'VOLUNTEER_UNKNOWN'
export const refuse = refuser<PointsRefusalCode>('points')
