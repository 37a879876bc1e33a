// A task found by the id a command names, in the actor's district, refused when it does not exist or is not theirs
// to see.
import { refInRange } from '../../parser/refs.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { recordDistrict } from '../../kernel/org/city-refs.ts'
import { maySee } from '../../kernel/org/authority.ts'
import { taskRepo } from './task.repo.ts'
import { taskTexts } from './task.texts.ts'
import { refuse, type TaskInUnit, type TaskOp, type TaskRef } from './task-op.ts'

export async function findTask(op: Pick<TaskOp, 'db' | 'actor' | 'namedDistrict'>, ref: TaskRef): Promise<TaskInUnit> {
  const task = refInRange(ref.number) ? await taskRepo.taskByNumber(op.db, recordDistrict(op, op.actor.unit), ref.number) : null
  if (!task) throw refuse('TASK_UNKNOWN', taskTexts.unknown(ref.label))
  const unit = await orgRepo.unitById(op.db, task.unitId)
  if (!unit || !maySee(op.actor, unit)) throw refuse('TASK_NOT_VISIBLE', taskTexts.notVisible(ref.label, unit?.name ?? ''))
  return { ...task, unit }
}
