// Needs and tasks (需求任务): created, claimed, escalated up the tree while unclaimed or overdue, completed.
import { acceptNeedCommand, closeNeedCommand, needCommand } from './need.command.ts'
import { needListCommand } from './need-list.command.ts'
import {
  abandonCommand,
  cancelCommand,
  chaseCommand,
  claimCommand,
  completeCommand,
  handBackCommand,
  progressCommand,
  reassignCommand,
  takeOverCommand,
} from './task-actions.command.ts'
import { taskListCommand } from './task-list.command.ts'
import { taskCommand } from './task.command.ts'
import { escalationsDelivered } from './escalation-delivery.ts'
import { taskTimers } from './task-timers.ts'
import { taskTexts } from './task.texts.ts'
import { taskWords } from './task-words.texts.ts'
import { escalateHandler, remindHandler } from './timer-handlers.ts'
import { needEscalateHandler, needTimers } from './need-timers.ts'
import type { Capability } from '../capability.ts'
import { needImageClaim, taskEvidenceClaim } from './task-attachment.ts'

export const tasks: Capability = {
  name: 'tasks',
  help: {
    title: taskWords.helpTitle,
    commands: [
      needCommand,
      needListCommand,
      acceptNeedCommand,
      closeNeedCommand,
      taskCommand,
      taskListCommand,
      claimCommand,
      progressCommand,
      completeCommand,
      abandonCommand,
      chaseCommand,
      takeOverCommand,
      reassignCommand,
      cancelCommand,
      handBackCommand,
    ],
  },
  timers: {
    handlers: (deps) => ({ escalate: escalateHandler(deps), remind: remindHandler(deps), need_escalate: needEscalateHandler(deps) }),
    sources: () => [taskTimers, needTimers],
  },
  // Escalation posts are recorded as delivered (送达) when WeChat accepted them.
  outbox: { keyPrefix: 'esc', onSent: (db, marks, at) => escalationsDelivered(db, marks.fresh, at) },
  attachmentClaims: [taskEvidenceClaim, needImageClaim],
  events: { publishes: ['task.completed', 'task.created', 'task.claimed', 'task.escalated', 'need.recorded'] },
  texts: { taskTexts },
}
