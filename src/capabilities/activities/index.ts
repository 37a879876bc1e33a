// Activities (活动): created with a 招募令 to a subtree (no acknowledgement, no escalation), sign-up with a waiting
// list, reminders, attendance, closing into volunteer hours (points, through `activity.closed`), statistics.
import { activityCheckInCommand, activityCommand, activityListCommand, cancelSignupCommand, presentCommand, signUpCommand } from './activity.command.ts'
import { activityPolicy } from './activity-policy.ts'
import { activityTimerHandlers, activityTimers, seriesTimers } from './activity-timers.ts'
import { activityCommandTexts, activityTexts } from './activity.texts.ts'
import { claimActivityEvidence } from './evidence.handler.ts'
import type { Capability } from '../capability.ts'

export const activities: Capability = {
  name: 'activities',
  help: {
    title: activityCommandTexts.helpTitle,
    commands: [activityCommand, signUpCommand, cancelSignupCommand, activityCheckInCommand, presentCommand, activityListCommand],
  },
  claimAttachment: claimActivityEvidence,
  timers: { handlers: (deps) => activityTimerHandlers(deps), sources: () => [activityTimers, seriesTimers] },
  policy: activityPolicy,
  events: { publishes: ['activity.closed'] },
  texts: { activityTexts, activityCommandTexts },
}
