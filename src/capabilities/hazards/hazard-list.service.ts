// #隐患列表: open reports of the room unit's subtree (reported in it or handled by it), urgent first then the oldest,
// grouped by the unit where each was reported, masked when read above it.
import { listScope } from '../../kernel/lists/narrow.ts'
import type { ListEntry } from '../../kernel/lists/subtree-list.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Member, Unit } from '../../kernel/org/org.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import type { Work } from '../../kernel/work.ts'
import type { HAZARD_STATE_WORDS, ListArgs } from '../../parser/list-args.ts'
import { hazardRepo } from './hazard.repo.ts'
import { hazardLine } from './hazard.texts.ts'

export type HazardState = (typeof HAZARD_STATE_WORDS)[keyof typeof HAZARD_STATE_WORDS]
const FETCH = 2000

export async function listHazards(w: Work, a: { roomUnit: Unit; me: Pick<Member, 'id'>; args: ListArgs<HazardState>; command: string }) {
  const { scope, unitIds, unitNames, below } = listScope(await orgRepo.subtree(w.db, a.roomUnit), a.args.unit, a.command)
  const [fetched, count] = await Promise.all([hazardRepo.openInUnits(w.db, unitIds, FETCH), hazardRepo.countOpenInUnits(w.db, unitIds)])
  const keep = (h: (typeof fetched)[number]) =>
    a.args.states.every((s) => (s === 'urgent' ? h.priority === 'urgent' : s === 'mine' ? h.reporterMemberId === a.me.id : h.status === s))
  const hazards = fetched
    .filter(keep)
    .sort((x, y) => (x.priority === 'urgent' ? 0 : 1) - (y.priority === 'urgent' ? 0 : 1) || x.createdAt.getTime() - y.createdAt.getTime())
  // Handled in the subtree mostly; a report handled above it is named by a look-up of that unit.
  const outside = [...new Set(hazards.map((h) => h.unitId))].filter((id) => !unitNames.has(id))
  const above = await Promise.all(outside.map((id) => orgRepo.unitById(w.db, id)))
  const handling = new Map([...unitNames, ...above.flatMap((u) => (u ? [[u.id, u.name] as const] : []))])
  const entries: ListEntry[] = hazards.map((h) => ({
    // Where it was reported when that is in the list's scope (a report handled here from elsewhere: where it is handled).
    unitId: unitNames.has(h.reportUnitId) ? h.reportUnitId : h.unitId,
    line: textFor(a.roomUnit.id, h.reportUnitId, hazardLine(h, w.now, handling.get(h.unitId) ?? '')),
  }))
  return { scope, below, entries, total: a.args.states.length ? entries.length : Math.max(count, entries.length), unitNames }
}
