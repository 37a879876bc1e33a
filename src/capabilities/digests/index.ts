// Digests and exports (报表): 日报 · 周报 · 月报 with charts, the 台账 export, and the grids' check-in reminders.
import { dailyDigestCommand, monthlyDigestCommand, weeklyDigestCommand } from './digest.command.ts'
import { exportCommand } from './export.command.ts'
import { reminderTimers } from './checkin-reminder.service.ts'
import { digestChartTimers } from './digest-chart-job.service.ts'
import { digestPolicy } from './digest-policy.ts'
import { digestTimers } from './digest-schedule.service.ts'
import { digestTimerHandlers } from './digest-timers.ts'
import { digestTexts } from './digest.texts.ts'
import { ledgerExportTimers } from './ledger-export-job.service.ts'
import { ledgerTexts } from './ledger.texts.ts'
import type { Capability } from '../capability.ts'

export const digests: Capability = {
  name: 'digests',
  help: { title: digestTexts.helpTitle, commands: [dailyDigestCommand, weeklyDigestCommand, monthlyDigestCommand, exportCommand] },
  timers: {
    handlers: (deps) => digestTimerHandlers(deps),
    sources: (clock) => [digestTimers(clock), reminderTimers(clock), digestChartTimers, ledgerExportTimers],
  },
  policy: digestPolicy,
  events: { publishes: ['digest.ready'] },
  texts: { digestTexts, ledgerTexts },
}
