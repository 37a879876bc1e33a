// A task let go: its holder gives it up (#放弃, open again and escalating), or it is cancelled (#取消; the need it
// was made from opens again, the rooms it reached and its former holder are told).
import { tellReachedRooms } from '../../kernel/escalation/reached-rooms.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { taskRepo } from './task.repo.ts'
import { startCycle, stopTimers } from './escalation.service.ts'
import { taskTexts } from './task.texts.ts'
import type { TaskOp, TaskRef } from './task-op.ts'
import { findTask } from './task-find.ts'
import { authorize, change, event } from './task-change.ts'
import { tellFormerHolder } from './task-tell.ts'
import { restartNeedClock } from './need-clock.service.ts'

export async function abandonTask(op: TaskOp, ref: TaskRef, reason: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'abandon')
  const cycle = startCycle(task, 'unclaimed', op.now, await unitContext(op.db, task.unit), op.effects, task.id)
  await change(op, task, { status: 'open', holderId: null, claimedAt: null, nextReminderAt: null, ...cycle })
  await event(op, task, 'abandoned', 'claimed', 'open', reason || null)
  return task
}

export async function cancelTask(op: TaskOp, ref: TaskRef, reason: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'cancel')
  await change(op, task, { status: 'cancelled', closedAt: op.now, ...stopTimers, escalationCycle: task.escalationCycle + 1 })
  await event(op, task, 'cancelled', task.status, 'cancelled', reason || null)
  // The need it was made from was not met: it is open again, to be turned into another task or closed.
  const need = task.needId && (await taskRepo.reopenNeed(op.db, task.needId, task.id)) ? await taskRepo.needById(op.db, task.needId) : null
  if (need) await restartNeedClock(op.db, op.effects, need.id, op.now)
  await tellReachedRooms(op.db, op.effects, task, taskTexts.reachedCancelled(task, task.unit.name), `cancel-${op.messageId}`, op.room.id)
  const formerHolder = await tellFormerHolder(op, task, (t) => taskTexts.holderCancelled(t, op.actor.name, reason))
  return { task, formerHolder, reopenedNeed: need?.number ?? null }
}
