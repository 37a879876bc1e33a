// Projects (领题攻坚) and the 六个一: hard problems claimed by cadres, escalated while unclaimed, and the yearly six.
import { funnelCommand } from './funnel.command.ts'
import { projectCommand } from './project.command.ts'
import { projectListCommand } from './project-list.command.ts'
import { sixCommand } from './six.command.ts'
import { projectPolicy } from './project-policy.ts'
import { projectTimerHandlers, projectTimers } from './project-timers.ts'
import { projectTexts, sixTexts } from './project.texts.ts'
import type { Capability } from '../capability.ts'
import { onTaskCompleted } from './subscribers.ts'
import { sixEvidenceClaim } from './six-attachment.ts'

export const projects: Capability = {
  name: 'projects',
  help: { title: '资源项目', commands: [projectCommand, projectListCommand, funnelCommand, sixCommand] },
  timers: { handlers: (deps) => projectTimerHandlers(deps), sources: () => [projectTimers] },
  policy: projectPolicy,
  attachmentClaims: [sixEvidenceClaim],
  events: { subscribes: [onTaskCompleted] },
  texts: { projectTexts, sixTexts },
}
