// The domain events tasks and needs publish (webhooks subscribe): a task created, claimed (or taken over,
// reassigned), escalated; a need recorded.
// completed is published by completeTask itself (points and projects answer it). A unit of work without events
// (a bare test's, a timer run without them) publishes nothing.
import { publish } from '../../kernel/events.ts'
import type { DomainEventMap, TaskChanged, Work } from '../../kernel/work.ts'
import { taskId } from './task.texts.ts'
import type { Need, Task } from './task.types.ts'

type Carried = Pick<Task, 'id' | 'number' | 'title' | 'priority' | 'status' | 'unitId' | 'deadline' | 'needId'>

const carried = (t: Carried): TaskChanged => {
  const { id, number, title, priority, status, unitId, deadline, needId } = t
  return { task: { id, number, title, priority, status, unitId, deadline, needId }, ref: taskId(t) }
}

export async function taskCreated(w: Work, t: Carried): Promise<void> {
  if (w.events) await publish(w, 'task.created', carried(t))
}

export async function taskClaimed(w: Work, t: Carried, how: DomainEventMap['task.claimed']['how']): Promise<void> {
  if (w.events) await publish(w, 'task.claimed', { ...carried({ ...t, status: 'claimed' }), how })
}

export async function taskEscalated(w: Work, t: Carried, e: Omit<DomainEventMap['task.escalated'], keyof TaskChanged>): Promise<void> {
  if (w.events) await publish(w, 'task.escalated', { ...carried(t), ...e })
}

export async function needRecorded(w: Work, n: Pick<Need, 'id' | 'number' | 'unitId' | 'status' | 'description' | 'reporterWxid'>): Promise<void> {
  const { id, number, unitId, status, description } = n
  if (w.events) await publish(w, 'need.recorded', { need: { id, number, unitId, status, description, fromResident: !!n.reporterWxid }, ref: `N${number}` })
}
