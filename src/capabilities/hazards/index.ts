// Hazards (安全隐患): reported with photos, routed by category, escalated, resolved and verified.
import { acknowledgeCommand, differentCommand, handleCommand, reopenCommand, resolveCommand, sameCommand, verifyCommand } from './hazard-actions.command.ts'
import { hazardCommand } from './hazard.command.ts'
import { hazardListCommand } from './hazard-list.command.ts'
import { hazardPolicy } from './hazard-policy.ts'
import { hazardTimerHandlers } from './hazard-timer-handlers.ts'
import { hazardTimers } from './hazard-timers.ts'
import { hazardTexts } from './hazard.texts.ts'
import type { Capability } from '../capability.ts'

export const hazards: Capability = {
  name: 'hazards',
  help: {
    title: '安全隐患',
    commands: [
      hazardCommand,
      hazardListCommand,
      acknowledgeCommand,
      handleCommand,
      resolveCommand,
      verifyCommand,
      reopenCommand,
      sameCommand,
      differentCommand,
    ],
  },
  timers: { handlers: (deps) => hazardTimerHandlers(deps), sources: () => [hazardTimers] },
  policy: hazardPolicy,
  events: { publishes: ['hazard.reported', 'hazard.acknowledged', 'hazard.resolved'] },
  texts: { hazardTexts },
}
