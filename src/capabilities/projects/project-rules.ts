// Pure rules of projects, table-tested in test/unit/project-rules.test.ts: the state machine as one table
// (status × action → the status it moves to and who may do it, or the refusal code), how a person stands to a
// project, what blocks completing it, and its progress (tasks done / all, needs met).
import type { Role } from '../../kernel/org/org.types.ts'
import { isAtOrAbove } from '../../kernel/org/authority.ts'
import { ITEM_AUTHORITY, standingsOf, type ItemAction, type Standing } from '../../kernel/org/item-authority.ts'
import type { ItemKind, ProjectNeed, ProjectStatus, ProjectTask } from './project.types.ts'

export type ProjectAction = 'claim' | 'add' | 'complete' | 'abandon' | 'cancel' | 'take_over' | 'reassign' | 'hand_back'

/**
 * `cadre`: a grid cadre or supervisor of the project's unit or a unit below it (the young cadres who 领题);
 * `supervisor`: a supervisor or admin of the project's unit or any unit above it; `unit_cadre`: a cadre of the
 * project's own unit (not below: who may hand a project back up is the unit it was given to).
 */
export type ProjectRelation = 'holder' | 'creator' | 'cadre' | 'supervisor' | 'unit_cadre'

export type ProjectRefusal =
  | 'PROJECT_CLOSED'
  | 'PROJECT_DONE'
  | 'PROJECT_TAKEN'
  | 'PROJECT_NOT_CLAIMED'
  | 'PROJECT_CLAIM_DENIED'
  | 'PROJECT_NOT_HOLDER'
  | 'PROJECT_ADD_DENIED'
  | 'PROJECT_CANCEL_DENIED'
  | 'PROJECT_TAKEOVER_DENIED'
  | 'PROJECT_REASSIGN_DENIED'
  | 'PROJECT_HANDBACK_DENIED'

interface Move {
  to: ProjectStatus
  who: ProjectRelation[]
  denied: ProjectRefusal
}
type Cell = Move | ProjectRefusal

const AS: Partial<Record<Standing, ProjectRelation>> = {
  assignee: 'holder',
  assigner: 'creator',
  unit_cadre: 'cadre',
  cadre_below: 'cadre',
  supervisor_above: 'supervisor',
}
/** Who may, in the project's words, from the kernel's authority table. */
const who = (a: ItemAction, as = AS): ProjectRelation[] => [...new Set(ITEM_AUTHORITY[a].flatMap((s) => (as[s] ? [as[s]] : [])))]
/** #退回 reads the table's `unit_cadre` as it is: the cadres of the project's own unit, not those below it. */
const OWN_UNIT: typeof AS = { ...AS, unit_cadre: 'unit_cadre' }
const ended = { done: 'PROJECT_CLOSED', cancelled: 'PROJECT_CLOSED' } as const
const hold = (to: ProjectStatus, a: ItemAction, denied: ProjectRefusal) => ({ open: { to, who: who(a), denied }, claimed: { to, who: who(a), denied } })

export const PROJECT_TRANSITIONS: Record<ProjectAction, Record<ProjectStatus, Cell>> = {
  claim: {
    open: { to: 'claimed', who: who('take_up'), denied: 'PROJECT_CLAIM_DENIED' },
    claimed: 'PROJECT_TAKEN',
    done: 'PROJECT_CLOSED',
    cancelled: 'PROJECT_CLOSED',
  },
  add: {
    open: { to: 'open', who: ['creator', 'supervisor', 'holder'], denied: 'PROJECT_ADD_DENIED' },
    claimed: { to: 'claimed', who: ['creator', 'supervisor', 'holder'], denied: 'PROJECT_ADD_DENIED' },
    done: 'PROJECT_CLOSED',
    cancelled: 'PROJECT_CLOSED',
  },
  complete: {
    open: 'PROJECT_NOT_CLAIMED',
    claimed: { to: 'done', who: who('complete'), denied: 'PROJECT_NOT_HOLDER' },
    done: 'PROJECT_DONE',
    cancelled: 'PROJECT_CLOSED',
  },
  abandon: {
    open: 'PROJECT_NOT_CLAIMED',
    claimed: { to: 'open', who: who('abandon'), denied: 'PROJECT_NOT_HOLDER' },
    ...ended,
  },
  cancel: { ...hold('cancelled', 'cancel', 'PROJECT_CANCEL_DENIED'), ...ended },
  take_over: { ...hold('claimed', 'take_over', 'PROJECT_TAKEOVER_DENIED'), ...ended },
  reassign: { ...hold('claimed', 'reassign', 'PROJECT_REASSIGN_DENIED'), ...ended },
  hand_back: {
    open: { to: 'open', who: who('hand_back', OWN_UNIT), denied: 'PROJECT_HANDBACK_DENIED' },
    claimed: { to: 'open', who: who('hand_back', OWN_UNIT), denied: 'PROJECT_HANDBACK_DENIED' },
    ...ended,
  },
}

export type ProjectDecision = { ok: true; to: ProjectStatus } | { ok: false; code: ProjectRefusal }

/** May an actor standing in `relations` to a project in `status` do `action`? The status is checked first. */
export function decideProject(status: ProjectStatus, action: ProjectAction, relations: ReadonlySet<ProjectRelation>): ProjectDecision {
  const cell = PROJECT_TRANSITIONS[action][status]
  if (typeof cell === 'string') return { ok: false, code: cell }
  return cell.who.some((r) => relations.has(r)) ? { ok: true, to: cell.to } : { ok: false, code: cell.denied }
}

interface Person {
  id: number
  role: Role
  unitId: number
  unit: { path: string }
}

/** Every way `m` stands to a project of `unit`. Volunteers never hold projects. */
export function projectRelations(m: Person, p: { holderId: number | null; creatorId: number }, unit: { id?: number; path: string }): Set<ProjectRelation> {
  const r = new Set<ProjectRelation>()
  // The kernel's standings (item-authority.ts): 领题 is its take_up (cadres of the unit or below), supervisors above.
  const s = standingsOf(m, { holderId: p.holderId, assignerId: p.creatorId }, { id: unit.id ?? -1, path: unit.path })
  if (s.has('assignee')) r.add('holder')
  if (s.has('assigner')) r.add('creator')
  if (m.role !== 'admin' && (s.has('unit_cadre') || s.has('cadre_below'))) r.add('cadre')
  if (s.has('unit_cadre')) r.add('unit_cadre')
  if (s.has('supervisor_above')) r.add('supervisor')
  return r
}

/** A project is seen from its own unit, the units above it, and the units below it (whose cadres may claim it). */
export const maySeeProject = (m: { unit: { path: string } }, unit: { path: string }) => isAtOrAbove(m.unit, unit) || isAtOrAbove(unit, m.unit)

/**
 * What may be linked to a project of `projectUnit`: needs and tasks of the project's unit or below it (its own
 * work); resources from anywhere on the way up or below (a district partner serves a grid's project).
 */
export function mayLink(kind: ItemKind, projectUnit: { path: string }, itemUnit: { path: string }): boolean {
  if (kind === 'resource') return isAtOrAbove(itemUnit, projectUnit) || isAtOrAbove(projectUnit, itemUnit)
  return isAtOrAbove(projectUnit, itemUnit)
}

/**
 * A project's tasks: those linked, and those made from a linked need (a need linked becomes part of the project),
 * each once. Cancelled tasks do not count.
 */
export function projectTasks(linked: ProjectTask[], fromNeeds: ProjectTask[]): ProjectTask[] {
  const byId = new Map<number, ProjectTask>()
  for (const t of [...linked, ...fromNeeds]) if (t.status !== 'cancelled') byId.set(t.id, t)
  return [...byId.values()].sort((a, b) => a.number - b.number)
}

export interface ProjectProgress {
  tasksDone: number
  tasksAll: number
  needsMet: number
  needsAll: number
}

/** A need is met when it was closed, or the task made from it is done. */
export const needMet = (n: Pick<ProjectNeed, 'status' | 'taskId'>, doneTaskIds: ReadonlySet<number>) =>
  n.status === 'closed' || (n.taskId !== null && doneTaskIds.has(n.taskId))

export function projectProgress(tasks: ProjectTask[], needs: ProjectNeed[], doneTaskIds: ReadonlySet<number>): ProjectProgress {
  return {
    tasksDone: tasks.filter((t) => t.status === 'done').length,
    tasksAll: tasks.length,
    needsMet: needs.filter((n) => needMet(n, doneTaskIds)).length,
    needsAll: needs.length,
  }
}

/** What keeps a project from being completed: its tasks not done yet (open or claimed), in number order. */
export function completionBlockers(tasks: ProjectTask[]): ProjectTask[] {
  return tasks.filter((t) => t.status === 'open' || t.status === 'claimed')
}

/** A project closes only with work done in it: at least one task done (an empty or all-cancelled one is not a result). */
export const hasWorkDone = (tasks: ProjectTask[]) => tasks.some((t) => t.status === 'done')

/** Its holder earns for it unless they also created it (nobody pays themself for a project they set up and closed). */
export const paysHolder = (p: { creatorId: number }, holderId: number) => p.creatorId !== holderId
