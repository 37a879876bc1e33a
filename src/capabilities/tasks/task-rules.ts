// The task state machine as one table: status × action → the status it moves to and who may do it, or the
// refusal code. Pure; every cell is table-tested (test/unit/task-rules.test.ts). Texts for the codes live in
// task.texts.ts.
import { ITEM_AUTHORITY, may, standingsOf, type Standing } from '../../kernel/org/item-authority.ts'
import type { Person } from '../../kernel/org/authority.ts'
import type { TaskStatus } from './task.types.ts'

export type TaskAction = 'claim' | 'progress' | 'complete' | 'abandon' | 'hand_back' | 'cancel' | 'take_over' | 'reassign' | 'chase'

/**
 * How the actor stands to the task: the kernel's standings (src/kernel/org/item-authority.ts: assigner = the
 * creator, assignee = the holder, unit_cadre, supervisor_above …), plus `any` for what every member who sees it may do.
 */
export type Relation = Standing | 'any'

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
  | 'TASK_HANDBACK_DENIED'
  | 'TASK_NOT_HANDED_DOWN'

interface Move {
  to: TaskStatus
  who: readonly Relation[]
  denied: TaskRefusal
}
type Cell = Move | TaskRefusal

const closed = { done: 'TASK_CLOSED', cancelled: 'TASK_CLOSED' } as const
const stays = (status: TaskStatus, who: readonly Relation[], denied: TaskRefusal): Move => ({ to: status, who, denied })
const A = ITEM_AUTHORITY

export const TASK_TRANSITIONS: Record<TaskAction, Record<TaskStatus, Cell>> = {
  claim: {
    open: { to: 'claimed', who: A.claim, denied: 'TASK_CLAIM_DENIED' },
    claimed: 'TASK_TAKEN',
    ...closed,
  },
  progress: {
    // A cadre of the task's unit reporting progress on an open task is working on it: it becomes hers (issue #22).
    open: stays('open', ['unit_cadre', 'supervisor_above'], 'TASK_NOT_HOLDER'),
    claimed: stays('claimed', A.progress, 'TASK_NOT_HOLDER'),
    ...closed,
  },
  complete: {
    // Completing a task nobody holds claims it too.
    open: { to: 'done', who: A.claim, denied: 'TASK_CLAIM_DENIED' },
    claimed: { to: 'done', who: A.complete, denied: 'TASK_NOT_HOLDER' },
    done: 'TASK_DONE',
    cancelled: 'TASK_CLOSED',
  },
  abandon: {
    open: 'TASK_NOT_CLAIMED',
    claimed: { to: 'open', who: A.abandon, denied: 'TASK_NOT_HOLDER' },
    done: 'TASK_NOT_CLAIMED',
    cancelled: 'TASK_NOT_CLAIMED',
  },
  // #退回: back to the assigner's unit, open there (the service moves it; only a task handed down can go back up).
  hand_back: {
    open: { to: 'open', who: A.hand_back, denied: 'TASK_HANDBACK_DENIED' },
    claimed: { to: 'open', who: A.hand_back, denied: 'TASK_HANDBACK_DENIED' },
    ...closed,
  },
  cancel: {
    open: { to: 'cancelled', who: A.cancel, denied: 'TASK_CANCEL_DENIED' },
    claimed: { to: 'cancelled', who: A.cancel, denied: 'TASK_CANCEL_DENIED' },
    ...closed,
  },
  take_over: {
    open: { to: 'claimed', who: A.take_over, denied: 'TASK_TAKEOVER_DENIED' },
    claimed: { to: 'claimed', who: A.take_over, denied: 'TASK_TAKEOVER_DENIED' },
    ...closed,
  },
  reassign: {
    open: { to: 'claimed', who: A.reassign, denied: 'TASK_REASSIGN_DENIED' },
    claimed: { to: 'claimed', who: A.reassign, denied: 'TASK_REASSIGN_DENIED' },
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

/** Creating a task for `unit`: the kernel's create_for (its cadres, cadres and supervisors above). */
export const mayCreateIn = (m: Person, unit: { id: number; path: string }) => may(m, 'create_for', {}, unit)

/** Every way `m` stands to a task of `unit` (the kernel's standings). Volunteers claim where the unit's policy lets them. */
export function relationsTo(
  m: Person,
  task: { holderId: number | null; creatorId: number },
  unit: { id: number; path: string },
  volunteersClaim = false,
): Set<Relation> {
  return standingsOf(m, { holderId: task.holderId, assignerId: task.creatorId }, unit, volunteersClaim)
}
