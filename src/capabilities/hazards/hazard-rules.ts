// The hazard state machine as one table — status × action → the status it moves to and who may do it, or the
// refusal code — plus routing by category. Pure; every cell is table-tested (test/unit/hazard-rules.test.ts). Texts
// for the codes live in hazard.texts.ts.
import { must } from '../../core/must.ts'
import type { Role, Unit, UnitKind } from '../../kernel/org/org.types.ts'
import { isAtOrAbove } from '../../kernel/org/authority.ts'
import { standingsOf } from '../../kernel/org/item-authority.ts'
import type { HazardStatus } from './hazard.types.ts'

export type HazardAction = 'acknowledge' | 'progress' | 'resolve' | 'verify' | 'reopen' | 'merge' | 'keep'

/**
 * How the actor stands to the report. `handler`: a cadre or supervisor of the unit handling it now (volunteers
 * never: they report, they do not resolve); `supervisor`: a supervisor or admin of that unit or one above it;
 * `reporter`: whoever reported it (a resident too, by contact id); `resolver`: whoever resolved it.
 */
export type HazardRelation = 'reporter' | 'handler' | 'supervisor' | 'resolver'

export type HazardRefusal =
  | 'HAZARD_PENDING_DUPLICATE'
  | 'HAZARD_SCREENING'
  | 'HAZARD_ALREADY_ACKNOWLEDGED'
  | 'HAZARD_ALREADY_RESOLVED'
  | 'HAZARD_NOT_RESOLVED'
  | 'HAZARD_CLOSED'
  | 'HAZARD_MERGED'
  | 'HAZARD_IN_HAND'
  | 'HAZARD_NOT_HANDLER'
  | 'HAZARD_NOT_REPORTER'
  | 'HAZARD_VERIFY_DENIED'
  | 'HAZARD_SELF_VERIFY'

interface Move {
  to: HazardStatus
  who: HazardRelation[]
  denied: HazardRefusal
}
type Cell = Move | HazardRefusal

const handlers: HazardRelation[] = ['handler', 'supervisor']
const work = (to: HazardStatus): Move => ({ to, who: handlers, denied: 'HAZARD_NOT_HANDLER' })
const byReporter = (to: HazardStatus): Move => ({ to, who: ['reporter'], denied: 'HAZARD_NOT_REPORTER' })
const ended = { verified: 'HAZARD_CLOSED', merged: 'HAZARD_MERGED' } as const

export const HAZARD_TRANSITIONS: Record<HazardAction, Record<HazardStatus, Cell>> = {
  // From screening, acknowledging passes a resident's report on to the unit its category routes to.
  acknowledge: {
    pending_duplicate: 'HAZARD_PENDING_DUPLICATE',
    screening: work('reported'),
    reported: work('acknowledged'),
    acknowledged: 'HAZARD_ALREADY_ACKNOWLEDGED',
    in_progress: 'HAZARD_ALREADY_ACKNOWLEDGED',
    // A reopened report waits to be picked up again (it climbs the tree meanwhile).
    reopened: work('acknowledged'),
    resolved: 'HAZARD_ALREADY_RESOLVED',
    ...ended,
  },
  progress: {
    pending_duplicate: 'HAZARD_PENDING_DUPLICATE',
    screening: 'HAZARD_SCREENING',
    reported: work('in_progress'),
    acknowledged: work('in_progress'),
    in_progress: work('in_progress'),
    reopened: work('in_progress'),
    resolved: 'HAZARD_ALREADY_RESOLVED',
    ...ended,
  },
  // The grid may deal with a resident's report itself, without passing it on.
  resolve: {
    pending_duplicate: 'HAZARD_PENDING_DUPLICATE',
    screening: work('resolved'),
    reported: work('resolved'),
    acknowledged: work('resolved'),
    in_progress: work('resolved'),
    reopened: work('resolved'),
    resolved: 'HAZARD_ALREADY_RESOLVED',
    ...ended,
  },
  verify: {
    pending_duplicate: 'HAZARD_NOT_RESOLVED',
    screening: 'HAZARD_NOT_RESOLVED',
    reported: 'HAZARD_NOT_RESOLVED',
    acknowledged: 'HAZARD_NOT_RESOLVED',
    in_progress: 'HAZARD_NOT_RESOLVED',
    reopened: 'HAZARD_NOT_RESOLVED',
    resolved: { to: 'verified', who: ['reporter', 'supervisor'], denied: 'HAZARD_VERIFY_DENIED' },
    ...ended,
  },
  // A verified report may come back too (it closed by timeout, or the fix did not last).
  reopen: {
    pending_duplicate: 'HAZARD_NOT_RESOLVED',
    screening: 'HAZARD_NOT_RESOLVED',
    reported: 'HAZARD_NOT_RESOLVED',
    acknowledged: 'HAZARD_NOT_RESOLVED',
    in_progress: 'HAZARD_NOT_RESOLVED',
    reopened: 'HAZARD_NOT_RESOLVED',
    resolved: { to: 'reopened', who: ['reporter', 'supervisor'], denied: 'HAZARD_VERIFY_DENIED' },
    verified: { to: 'reopened', who: ['reporter', 'supervisor'], denied: 'HAZARD_VERIFY_DENIED' },
    merged: 'HAZARD_MERGED',
  },
  // #同: the reporter says it is the same as the open report suggested; only before anyone took it on.
  merge: {
    pending_duplicate: byReporter('merged'),
    screening: byReporter('merged'),
    reported: byReporter('merged'),
    acknowledged: 'HAZARD_IN_HAND',
    in_progress: 'HAZARD_IN_HAND',
    reopened: 'HAZARD_IN_HAND',
    resolved: 'HAZARD_IN_HAND',
    ...ended,
  },
  // #不同: it is not; a held report goes on as new (the service picks screening or reported), a routed one stays.
  keep: {
    pending_duplicate: byReporter('reported'),
    screening: byReporter('screening'),
    reported: byReporter('reported'),
    acknowledged: 'HAZARD_IN_HAND',
    in_progress: 'HAZARD_IN_HAND',
    reopened: 'HAZARD_IN_HAND',
    resolved: 'HAZARD_IN_HAND',
    ...ended,
  },
}

export type HazardDecision = { ok: true; to: HazardStatus } | { ok: false; code: HazardRefusal }

/**
 * May an actor standing in `relations` to a report in `status` do `action`? The status is checked first. Whoever
 * resolved a report does not verify it too unless the unit's policy says so.
 */
export function decideHazard(status: HazardStatus, action: HazardAction, relations: ReadonlySet<HazardRelation>, selfVerify = false): HazardDecision {
  const cell = HAZARD_TRANSITIONS[action][status]
  if (typeof cell === 'string') return { ok: false, code: cell }
  if (!cell.who.some((r) => relations.has(r))) return { ok: false, code: cell.denied }
  if (action === 'verify' && relations.has('resolver') && !selfVerify) return { ok: false, code: 'HAZARD_SELF_VERIFY' }
  return { ok: true, to: cell.to }
}

interface Person {
  id: number
  wxid: string
  role: Role
  unitId: number
  unit: { path: string }
}

/** Every way someone stands to a report handled by `unit`. A resident (no member) can only be its reporter. */
export function hazardRelations(
  who: { wxid: string; member: Person | null; subscribed?: boolean },
  hazard: { reporterWxid: string; resolverId: number | null },
  unit: { id: number; path: string },
): Set<HazardRelation> {
  const r = new Set<HazardRelation>()
  // Whoever reported it, and whoever reported the same thing and had it merged in (a subscriber), is its reporter.
  if (hazard.reporterWxid === who.wxid || who.subscribed) r.add('reporter')
  const m = who.member
  if (!m) return r
  if (hazard.resolverId === m.id) r.add('resolver')
  // Handler and supervisor are the kernel's standings (item-authority.ts): a cadre of the unit, a supervisor above.
  const s = standingsOf(m, {}, unit)
  if (s.has('unit_cadre')) r.add('handler')
  if (s.has('supervisor_above')) r.add('supervisor')
  return r
}

const RANK: Record<UnitKind, number> = { city: -1, district: 0, town: 1, community: 2, grid: 3 }

/**
 * The unit a category's level routes to from where it was reported: the nearest unit at or above that level on the
 * way up (`chain` runs from the district down to the reporting unit). Reported above the level, it stays where it
 * was reported (work is never pushed down to a unit nobody named).
 */
export function routeTarget<U extends Pick<Unit, 'kind'>>(chain: U[], level: UnitKind): U {
  for (const u of [...chain].reverse()) if (RANK[u.kind] <= RANK[level]) return u
  return must(chain[0], 'HAZARD_NO_CHAIN')
}

/** The records of a report are visible to the unit it was reported in and those above (the handler is one of them). */
export const maySeeHazard = (m: { unit: { path: string } } | null, reportUnit: { path: string }) => !!m && isAtOrAbove(m.unit, reportUnit)
