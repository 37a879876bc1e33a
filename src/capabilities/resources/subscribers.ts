// A completed task that used resources credits their providers (points pays them on `member.credited`).
import { creditProviders } from './resource.service.ts'
import type { Subscriber } from '../../kernel/events.ts'

export const onTaskCompleted: Subscriber<'task.completed'> = {
  event: 'task.completed',
  phase: 'in-transaction',
  async handle(w, { task }) {
    await creditProviders(w, task)
    return []
  },
}
