// #完成 T1 结果: the task is done; the photos of the last 5 minutes are its evidence, the rooms it reached, the group it
// was handed down from and the resident whose need it met are told, and other capabilities credit it (task.completed).
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { publish } from '../../kernel/events.ts'
import { tellReachedRooms } from '../../kernel/escalation/reached-rooms.ts'
import { taskRepo } from './task.repo.ts'
import { stopTimers } from './escalation.service.ts'
import { needTexts, taskId, taskTexts } from './task.texts.ts'
import { tellResident } from './need.service.ts'
import { MAX_TEXT, type TaskOp, type TaskRef } from './task-op.ts'
import { findTask } from './task-find.ts'
import { authorize, change, event } from './task-change.ts'
import { tellAssigner } from './task-tell.ts'
import { EVIDENCE_WINDOW_MS } from './task-evidence.ts'

export async function completeTask(op: TaskOp, ref: TaskRef, result: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'complete')
  await change(op, task, {
    status: 'done',
    holderId: task.holderId ?? op.actor.id,
    result: result.slice(0, MAX_TEXT),
    closedAt: op.now,
    ...stopTimers,
    escalationCycle: task.escalationCycle + 1,
  })
  const evidence = (await taskRepo.attachEvidence(op.db, op.actor.id, task.id, new Date(op.now.getTime() - EVIDENCE_WINDOW_MS), op.now)).count
  await event(op, task, 'completed', task.status, 'done', result.slice(0, MAX_TEXT))
  await tellReachedRooms(op.db, op.effects, task, taskTexts.reachedDone(task, task.unit.name), `done-${op.messageId}`, op.room.id)
  await tellAssigner(op, task, taskTexts.reachedDone(task, task.unit.name, result), 'done')
  const need = task.needId ? await taskRepo.needById(op.db, task.needId) : null
  if (need?.reporterWxid) await tellResident(op, need, needTexts.residentDone(need, result.slice(0, MAX_TEXT)), `done-${op.messageId}`)
  // Points, resources and projects credit the completion in this transaction (their notes end the reply).
  const holderId = task.holderId ?? op.actor.id
  const holder = holderId === op.actor.id ? op.actor : ((await orgRepo.membersByIds(op.db, [holderId]))[0] ?? null)
  const notes = await publish(op, 'task.completed', { task: { ...task, holderId }, ref: taskId(task), holder, actorId: op.actor.id })
  return { task, evidence, notes }
}
