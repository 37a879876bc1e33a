// The points ledger: earning by policy (the hook other capabilities call), balances, statements, corrections, and
// the lazy settlement of check-ins. Append-only: nothing here (or anywhere) updates or deletes a ledger row; a
// correction is a reversing row with a reason, and the database refuses UPDATE/DELETE on the table (trigger).
import { AppError } from '../../core/errors.ts'
import { startOfLocalDay } from '../../core/time.ts'
import type { DbOrTx } from '../../db/client.ts'
import { UNDO_WINDOW_MS } from '../checkin/checkin.service.ts'
import { orgRepo } from '../org/org.repo.ts'
import { districtOf, type MemberWithUnit, type Unit } from '../org/org.types.ts'
import type { Work } from '../work.ts'
import { resolvePointsPolicy, type PointsPolicy } from './points-policy.ts'
import { eventCenti, mayApprove, serviceCenti, type EarnSource } from './points-rules.ts'
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
  /** What earned it, unique per source and member: 'V31', 'T12', 'H7', 'R5:T12'. A second call with it pays nothing. */
  ref: string
  at: Date
  /** For source 'volunteer': the approved service. */
  minutes?: number
  activity?: string
  actorId?: number | null
}

/**
 * The hook: applies the unit's points policy to one event and appends it to the ledger, once per (source, ref,
 * member) — a retried handler never pays twice. Returns what was written, or null when the policy gives 0 for it
 * (switched off) or it was paid before.
 */
export async function earn(w: Work, input: EarnInput): Promise<{ centi: number; balance: number } | null> {
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
  return r ? { centi, balance: r.balance } : null
}

/**
 * Reverses every entry written for (source, ref) that is not reversed yet: one reversing row each, with the reason
 * and who did it. Returns the rows written (member and amount).
 */
export async function reverse(w: Work, a: { source: string; ref: string; reason: string; actorId: number }) {
  const done: { memberId: number; centi: number }[] = []
  for (const e of await pointsRepo.entriesByRef(w.db, a.source, a.ref)) {
    if (await pointsRepo.reversalOf(w.db, e.id)) continue
    const r = await pointsRepo.append(w.db, {
      districtId: e.districtId,
      memberId: e.memberId,
      unitId: e.unitId,
      source: 'correction',
      ref: `rev:${e.id}`,
      centi: -e.centi,
      reason: a.reason,
      reversesId: e.id,
      actorId: a.actorId,
      at: w.now,
      ranked: e.source !== 'redeem',
    })
    if (r) done.push({ memberId: e.memberId, centi: -e.centi })
  }
  return done
}

/**
 * #冲正: a supervisor over every member the entries of (source, ref) paid reverses them, with a reason. Nobody
 * corrects their own points.
 */
export async function correct(w: Work, a: { actor: MemberWithUnit; source: string; ref: string; reason: string }) {
  const entries = await pointsRepo.entriesByRef(w.db, a.source, a.ref)
  if (!entries.length) throw refuse('POINTS_REVERSE_NOTHING', ledgerTexts.reverseNothing(a.ref))
  const people = await orgRepo.membersByIds(w.db, [...new Set(entries.map((e) => e.memberId))])
  for (const p of people) if (!mayApprove(a.actor, { memberId: p.id, unit: p.unit }).ok) throw refuse('POINTS_REVERSE_DENIED', ledgerTexts.reverseDenied(a.ref))
  const done = await reverse(w, { source: a.source, ref: a.ref, reason: a.reason, actorId: a.actor.id })
  if (!done.length) throw refuse('POINTS_REVERSE_NOTHING', ledgerTexts.reverseNothing(a.ref))
  const names = new Map(people.map((p) => [p.id, p.name]))
  return done.map((d) => ({ name: names.get(d.memberId) ?? '', centi: d.centi }))
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
  const units = await orgRepo.unitsOfDistrict(w.db, districtId)
  const byId = new Map(units.map((u) => [u.id, u]))
  // Units grouped by what a check-in earns there (usually one group: the district's policy).
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
  const from = upTo ? startOfLocalDay(upTo) : new Date(0)
  let written = 0
  for (const g of groups.values()) written += await pointsRepo.settleCheckins(w.db, { districtId, ...g, from, cutoff })
  await pointsRepo.advanceCursor(w.db, districtId, 'checkin', cutoff)
  return written
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

export const refuse = (code: string, user: string) => new AppError(code, code.toLowerCase(), user)
