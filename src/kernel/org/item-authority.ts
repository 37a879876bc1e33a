// Who may act on an item of unit U — a task, a need, a hazard report, a project — as ONE table: how a person stands
// to the item (its standings) × the action → allowed or not. Capabilities keep their own status tables (what state
// an action needs and moves to); who may take a move always comes from here. Table-tested in
// test/unit/item-authority.test.ts.
import { isAtOrAbove, isSupervisorOver, type Person } from './authority.ts'

/**
 * How someone stands to an item of unit U:
 * - `assigner`: who created it or handed it to U (the creator of an item made in its own unit);
 * - `assignee`: who holds it now;
 * - `unit_cadre`: a grid cadre, supervisor or admin of U itself (the people it was given to while nobody holds it);
 * - `unit_volunteer`: a volunteer of U, only where U's policy lets volunteers claim (`volunteersClaim`);
 * - `cadre_above`: a grid cadre or supervisor of a unit above U (a community's cadre handing work to a grid);
 * - `cadre_below`: a grid cadre or supervisor of a unit below U (the young cadres who take up a project: 领题);
 * - `supervisor_above`: a supervisor or admin of U or any unit above it;
 * - `sibling`: a member of a unit neither above nor below U (another grid, another community's subtree);
 * - `guest`: a resident, not in the org (only the items they raised concern them, by contact id, elsewhere).
 */
export type Standing = 'assigner' | 'assignee' | 'unit_cadre' | 'unit_volunteer' | 'cadre_above' | 'cadre_below' | 'supervisor_above' | 'sibling' | 'guest'

/**
 * What may be done to an item. `create_for`: create it for U (in U's group, or from above naming U or one of its
 * people); `claim`: take an unheld item of U (completing an unheld item is claiming it too); `take_up`: 领题, claim a
 * project of U from U or below; `hand_back`: the assignee returns it up to the assigner (#退回); `screen`: accept or
 * close what a resident raised (待网格确认).
 */
export type ItemAction = 'create_for' | 'claim' | 'take_up' | 'progress' | 'complete' | 'abandon' | 'hand_back' | 'reassign' | 'take_over' | 'cancel' | 'screen'

export const ITEM_AUTHORITY: Record<ItemAction, readonly Standing[]> = {
  create_for: ['unit_cadre', 'cadre_above', 'supervisor_above'],
  claim: ['unit_cadre', 'unit_volunteer', 'supervisor_above'],
  take_up: ['unit_cadre', 'cadre_below', 'supervisor_above'],
  progress: ['assignee', 'supervisor_above'],
  complete: ['assignee', 'supervisor_above'],
  abandon: ['assignee', 'supervisor_above'],
  // The holder returns it; while nobody holds it, any cadre of the unit it was handed to may.
  hand_back: ['assignee', 'unit_cadre'],
  reassign: ['assigner', 'supervisor_above'],
  take_over: ['supervisor_above'],
  cancel: ['assigner', 'supervisor_above'],
  screen: ['unit_cadre', 'supervisor_above'],
}

/** May someone standing so do this? */
export const mayAct = (standings: ReadonlySet<Standing>, action: ItemAction): boolean => ITEM_AUTHORITY[action].some((s) => standings.has(s))

/** The item as authority reads it: its unit, who holds it, who created or assigned it. */
export interface ItemParties {
  holderId?: number | null
  assignerId?: number | null
}

const CADRES = new Set(['grid_cadre', 'supervisor', 'admin'])

/** Every way `m` (null: a guest) stands to an item of `unit`. `volunteersClaim`: the unit's policy lets volunteers claim. */
export function standingsOf(m: Person | null, item: ItemParties, unit: { id: number; path: string }, volunteersClaim = false): Set<Standing> {
  const s = new Set<Standing>()
  if (!m) return s.add('guest')
  if (item.holderId != null && item.holderId === m.id) s.add('assignee')
  if (item.assignerId != null && item.assignerId === m.id) s.add('assigner')
  const cadre = CADRES.has(m.role)
  const own = m.unitId === unit.id
  if (own && cadre) s.add('unit_cadre')
  if (own && m.role === 'volunteer' && volunteersClaim) s.add('unit_volunteer')
  if (!own && cadre && isAtOrAbove(m.unit, unit)) s.add('cadre_above')
  if (!own && cadre && isAtOrAbove(unit, m.unit)) s.add('cadre_below')
  if (isSupervisorOver(m, unit)) s.add('supervisor_above')
  if (!isAtOrAbove(m.unit, unit) && !isAtOrAbove(unit, m.unit)) s.add('sibling')
  return s
}

/** Whether `m` may do `action` to an item of `unit`: the table's answer for one person. */
export const may = (m: Person | null, action: ItemAction, item: ItemParties, unit: { id: number; path: string }, volunteersClaim = false) =>
  mayAct(standingsOf(m, item, unit, volunteersClaim), action)

/** Where work may be handed: a unit in the subtree of the assigner's unit (their own included). */
export const mayHandTo = (assigner: Person, target: { path: string }) => isAtOrAbove(assigner.unit, target)
