// The task state machine as one table: status × action → the status it moves to and who may do it, or the
// refusal code. Pure; every cell is table-tested (test/unit/task-rules.test.ts). Texts for the codes live in
// task.texts.ts.
import { isSupervisorOver, type Person } from '../../kernel/org/authority.ts'
import type { TaskStatus } from './task.types.ts'

export type TaskAction = 'claim' | 'progress' | 'complete' | 'abandon' | 'cancel' | 'take_over' | 'reassign' | 'chase'

/**
 * How the actor stands to the task. `unit_member`: a cadre or supervisor of the task's own unit (and a volunteer
 * of it where the unit's policy says volunteers claim tasks);
 * `supervisor`: a supervisor or admin of the task's unit or any unit above it.
 */
export type Relation = 'holder' | 'creator' | 'unit_member' | 'supervisor' | 'any'

export type TaskRefusal =
  | 'TASK_CLOSED'
  | 'TASK_DONE'
  | 'TASK_TAKEN'
  | 'TASK_NOT_CLAIMED'
  | 'TASK_CLAIM_DENIED'
  | 'TASK_NOT_HOLDER'
  | 'TASK_CANCEL_DENIED'
  | 'TASK_TAKEOVER_DENIED'
  | 'TASK_REASSIGN_DENIED'

interface Move {
  to: TaskStatus
  who: Relation[]
  denied: TaskRefusal
}
type Cell = Move | TaskRefusal

const closed = { done: 'TASK_CLOSED', cancelled: 'TASK_CLOSED' } as const
const stays = (status: TaskStatus, who: Relation[], denied: TaskRefusal): Move => ({ to: status, who, denied })

export const TASK_TRANSITIONS: Record<TaskAction, Record<TaskStatus, Cell>> = {
  claim: {
    open: { to: 'claimed', who: ['unit_member', 'supervisor'], denied: 'TASK_CLAIM_DENIED' },
    claimed: 'TASK_TAKEN',
    ...closed,
  },
  progress: {
    // A cadre of the task's unit reporting progress on an open task is working on it: it becomes hers (issue #22).
    open: stays('open', ['unit_member', 'supervisor'], 'TASK_NOT_HOLDER'),
    claimed: stays('claimed', ['holder', 'supervisor'], 'TASK_NOT_HOLDER'),
    ...closed,
  },
  complete: {
    open: { to: 'done', who: ['unit_member', 'supervisor'], denied: 'TASK_CLAIM_DENIED' },
    claimed: { to: 'done', who: ['holder', 'supervisor'], denied: 'TASK_NOT_HOLDER' },
    done: 'TASK_DONE',
    cancelled: 'TASK_CLOSED',
  },
  abandon: {
    open: 'TASK_NOT_CLAIMED',
    claimed: { to: 'open', who: ['holder', 'supervisor'], denied: 'TASK_NOT_HOLDER' },
    done: 'TASK_NOT_CLAIMED',
    cancelled: 'TASK_NOT_CLAIMED',
  },
  cancel: {
    open: { to: 'cancelled', who: ['creator', 'supervisor'], denied: 'TASK_CANCEL_DENIED' },
    claimed: { to: 'cancelled', who: ['creator', 'supervisor'], denied: 'TASK_CANCEL_DENIED' },
    ...closed,
  },
  take_over: {
    open: { to: 'claimed', who: ['supervisor'], denied: 'TASK_TAKEOVER_DENIED' },
    claimed: { to: 'claimed', who: ['supervisor'], denied: 'TASK_TAKEOVER_DENIED' },
    ...closed,
  },
  reassign: {
    open: { to: 'claimed', who: ['supervisor'], denied: 'TASK_REASSIGN_DENIED' },
    claimed: { to: 'claimed', who: ['supervisor'], denied: 'TASK_REASSIGN_DENIED' },
    ...closed,
  },
  chase: {
    open: stays('open', ['any'], 'TASK_CLOSED'),
    claimed: stays('claimed', ['any'], 'TASK_CLOSED'),
    ...closed,
  },
}

export type Decision = { ok: true; to: TaskStatus } | { ok: false; code: TaskRefusal }

/** May an actor standing in `relations` to a task in `status` do `action`? The status is checked first. */
export function decide(status: TaskStatus, action: TaskAction, relations: ReadonlySet<Relation>): Decision {
  const cell = TASK_TRANSITIONS[action][status]
  if (typeof cell === 'string') return { ok: false, code: cell }
  return cell.who.some((r) => r === 'any' || relations.has(r)) ? { ok: true, to: cell.to } : { ok: false, code: cell.denied }
}

/** Creating tasks: cadres of the unit, and supervisors (and admins) of it or above. */
export const mayCreateIn = (m: Person, unit: { id: number; path: string }) => (m.role === 'grid_cadre' && m.unitId === unit.id) || isSupervisorOver(m, unit)

/** Every way `m` stands to a task of `unit`. Volunteers count as the unit's members where its policy lets them claim. */
export function relationsTo(
  m: Person,
  task: { holderId: number | null; creatorId: number },
  unit: { id: number; path: string },
  volunteersClaim = false,
): Set<Relation> {
  const r = new Set<Relation>()
  if (task.holderId === m.id) r.add('holder')
  if (task.creatorId === m.id) r.add('creator')
  const claims = m.role === 'grid_cadre' || m.role === 'supervisor' || (m.role === 'volunteer' && volunteersClaim)
  if (m.unitId === unit.id && claims) r.add('unit_member')
  if (isSupervisorOver(m, unit)) r.add('supervisor')
  return r
}
