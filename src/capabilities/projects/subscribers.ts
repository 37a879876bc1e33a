// A completed task that solved a hard problem counts for its holder's 六个一 where policies.projects says so.
import { creditCompletedTask } from './six.service.ts'
import { projectTexts } from './project.texts.ts'
import type { Subscriber } from '../../kernel/events.ts'

export const onTaskCompleted: Subscriber<'task.completed'> = {
  event: 'task.completed',
  phase: 'in-transaction',
  async handle(w, { task, holder }) {
    if (!holder) return []
    const six = await creditCompletedTask(w, task, holder)
    return six.length ? [projectTexts.sixCredited(holder.name, six)] : []
  },
}
