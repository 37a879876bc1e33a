// What every task operation works with: the command's unit of work, who acts and where, the task id as parsed, and
// the refusals a task command answers with.
import { refuser } from '../../core/errors.ts'
import type { BoundRoom, MemberWithUnit, Unit } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import type { TaskRefusal } from './task-rules.ts'
import type { Task } from './task.types.ts'

export type Actor = MemberWithUnit

/** One command's work on tasks: the unit of work, who acts, and where they typed it. */
export interface TaskOp extends Work {
  actor: Actor
  /** The room the command was typed in. */
  room: BoundRoom
  /** For deterministic keys of what this command posts. */
  messageId: string
}

/** A task id as the command parsed it (T12 → 12). */
export interface TaskRef {
  number: number
  label: string
}

export type TaskInUnit = Task & { unit: Unit }

/** The longest progress note, result or reason kept. */
export const MAX_TEXT = 500

/** Every refusal task answers with (tests assert these; its texts module words them). */
export type TaskRefusalCode =
  | TaskRefusal
  | 'NEED_NOT_OPEN'
  | 'NEED_NOT_VISIBLE'
  | 'NEED_RACE'
  | 'NEED_UNKNOWN'
  | 'TASK_ALREADY_YOURS'
  | 'TASK_CHANGED'
  | 'TASK_CREATE_DENIED'
  | 'TASK_NOT_VISIBLE'
  | 'TASK_REASSIGN_OUTSIDE'
  | 'TASK_ASSIGN_OUTSIDE'
  | 'TASK_SAME_HOLDER'
  | 'TASK_UNKNOWN'
  | 'TASK_SEVERAL_UNITS'
  | 'TASK_HAND_OUTSIDE'
  | 'TASK_UNIT_NO_ROOM'
export const refuse = refuser<TaskRefusalCode>('task')
