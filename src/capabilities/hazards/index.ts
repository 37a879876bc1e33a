// Hazards (安全隐患): reported with photos, routed by category, escalated, resolved and verified.
import {
  acknowledgeCommand,
  differentCommand,
  handleCommand,
  reopenCommand,
  resolveCommand,
  sameCommand,
  verifyCommand,
} from '../../commands/hazard-actions.command.ts'
import { hazardCommand, hazardListCommand } from '../../commands/hazard.command.ts'
import { DEFAULT_HAZARD_POLICY, hazardPolicyInput } from '../../domain/hazard/hazard-policy.ts'
import { hazardTimerHandlers } from '../../domain/hazard/hazard-timer-handlers.ts'
import { hazardTimers } from '../../domain/hazard/hazard-timers.ts'
import { hazardTexts } from '../../domain/hazard/hazard.texts.ts'
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
  policy: { key: 'hazards', input: hazardPolicyInput, defaults: DEFAULT_HAZARD_POLICY },
  texts: { hazardTexts },
}
