// How tasks read in chat: short, one line where it can be.
import type { Task } from '../../db/generated/client.ts'
import type { TaskStatus } from '../../db/generated/enums.ts'
import { formatLocal } from '../../core/time.ts'

export const STATUS_LABEL: Record<TaskStatus, string> = { open: '待认领', claimed: '进行中', done: '已完成', cancelled: '已取消' }

export const EVENT_LABEL: Record<string, string> = {
  created: '创建', claimed: '认领', progress: '进展', completed: '完成', abandoned: '放弃', cancelled: '取消',
  reminded: '提醒', escalated: '上报', overdue: '逾期上报', chased: '催办', taken_over: '接手', reassigned: '转派', evidence: '附图',
}

export const taskId = (t: Pick<Task, 'number'>) => `T${t.number}`

export function taskLine(t: Pick<Task, 'number' | 'title' | 'priority' | 'deadline' | 'status'>, now: Date, holder?: string): string {
  const urgent = t.priority === 'urgent' ? '【紧急】' : ''
  const overdue = t.deadline && t.status !== 'done' && t.status !== 'cancelled' && t.deadline.getTime() < now.getTime()
  const due = t.deadline ? `,截止 ${formatLocal(t.deadline)}${overdue ? '(已逾期)' : ''}` : ''
  const who = holder ? `,${holder}负责` : ''
  return `${taskId(t)} ${urgent}${t.title}(${STATUS_LABEL[t.status]}${who}${due})`
}
