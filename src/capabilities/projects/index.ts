// Projects (领题攻坚) and the 六个一: hard problems claimed by cadres, escalated while unclaimed, and the yearly six.
import { funnelCommand } from './funnel.command.ts'
import { projectCommand, projectVerbs } from './project.command.ts'
import { takeSharedVerbs } from '../../kernel/shared-verbs.ts'
import { projectListCommand } from './project-list.command.ts'
import { sixCommand } from './six.command.ts'
import { projectPolicy } from './project-policy.ts'
import { projectTimerHandlers, projectTimers } from './project-timers.ts'
import { projectTexts, sixTexts } from './project.texts.ts'
import { projectWords } from './project-words.texts.ts'
import type { Capability } from '../capability.ts'
import { onTaskCompleted } from './subscribers.ts'
import { sixEvidenceClaim } from './six-attachment.ts'
import { projectReportSheet } from './project-export.ts'

// #认领 P3, #完成 P3 … are the tasks' commands: they hand a project's id to projects through the kernel.
takeSharedVerbs(projectVerbs)

export const projects: Capability = {
  name: 'projects',
  help: { title: projectWords.helpTitle, commands: [projectCommand, projectListCommand, funnelCommand, sixCommand] },
  timers: { handlers: (deps) => projectTimerHandlers(deps), sources: () => [projectTimers] },
  policy: projectPolicy,
  attachmentClaims: [sixEvidenceClaim],
  reportSheets: [projectReportSheet],
  events: { publishes: ['project.completed'], subscribes: [onTaskCompleted] },
  texts: { projectTexts, sixTexts },
}
