// #任务 T1: a task and its whole record, masked when read from a room of another unit.
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { isAtOrAbove } from '../../kernel/org/authority.ts'
import { taskRepo } from './task.repo.ts'
import { taskTexts } from './task.texts.ts'
import type { TaskEvent } from './task.types.ts'
import type { TaskInUnit, TaskOp, TaskRef } from './task-op.ts'
import { findTask } from './task-find.ts'
import { event } from './task-change.ts'

/**
 * A task and its whole record. Read from a room of another unit it comes masked (the command masks it); `full`
 * asks for it unmasked there, which is audited as an event of the task.
 */
export async function taskHistory(
  op: TaskOp,
  ref: TaskRef,
  full = false,
): Promise<{ task: TaskInUnit; events: TaskEvent[]; names: Map<number, string>; evidence: number; unmasked: boolean }> {
  const task = await findTask(op, ref)
  // In full only in a group of the task's unit or one above it — never in a sibling's group, whose people it is not for.
  const disclose = full && isAtOrAbove(op.room.unit, task.unit)
  if (disclose && op.room.unitId !== task.unitId) await event(op, task, 'disclosed', task.status, task.status, taskTexts.disclosedNote(op.room.unit.name))
  const events = await taskRepo.events(op.db, task.id)
  const people = await orgRepo.membersByIds(op.db, [
    ...new Set([task.holderId, task.creatorId, ...events.map((e) => e.actorId)].filter((x): x is number => x !== null)),
  ])
  const names = new Map(people.map((p) => [p.id, p.name]))
  const evidence = await taskRepo.countEvidence(op.db, task.id)
  return { task, events, names, evidence, unmasked: op.room.unitId === task.unitId || disclose }
}
