// Hazards (安全隐患): reported with photos, routed by category, escalated, resolved and verified.
import {
  acknowledgeCommand,
  differentCommand,
  referCommand,
  handleCommand,
  reopenCommand,
  resolveCommand,
  sameCommand,
  secondCommand,
  verifyCommand,
} from './hazard-actions.command.ts'
import { hazardCommand } from './hazard.command.ts'
import { hazardListCommand } from './hazard-list.command.ts'
import { hazardPolicy } from './hazard-policy.ts'
import { hazardImageClaim, hazardLocationClaim } from './hazard-attachment.ts'
import { hazardTimerHandlers } from './hazard-timer-handlers.ts'
import { hazardTimers } from './hazard-timers.ts'
import { hazardTexts } from './hazard.texts.ts'
import { hazardSecondTexts } from './hazard-second.texts.ts'
import { hazardReferTexts } from './hazard-refer.texts.ts'
import type { Capability } from '../capability.ts'
import { HAZARDS_TITLE, hazardCommandTexts } from './hazard-commands.texts.ts'

export const hazards: Capability = {
  name: 'hazards',
  help: {
    title: HAZARDS_TITLE,
    commands: [
      hazardCommand,
      hazardListCommand,
      acknowledgeCommand,
      handleCommand,
      referCommand,
      resolveCommand,
      verifyCommand,
      reopenCommand,
      sameCommand,
      differentCommand,
      secondCommand,
    ],
  },
  timers: { handlers: (deps) => hazardTimerHandlers(deps), sources: () => [hazardTimers] },
  attachmentClaims: [hazardLocationClaim, hazardImageClaim],
  policy: hazardPolicy,
  events: { publishes: ['hazard.reported', 'hazard.acknowledged', 'hazard.resolved', 'hazard.verified', 'hazard.referred'] },
  texts: { hazardTexts, hazardSecondTexts, hazardReferTexts, hazardCommandTexts },
}
