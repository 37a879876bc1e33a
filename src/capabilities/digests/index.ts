// Digests and exports (报表): 日报 · 周报 · 月报 with charts, the 台账 export, and the grids' check-in reminders.
import { dailyDigestCommand, monthlyDigestCommand, weeklyDigestCommand } from '../../commands/digest.command.ts'
import { exportCommand } from '../../commands/export.command.ts'
import { reminderTimers } from '../../domain/digest/checkin-reminder.service.ts'
import { digestChartTimers } from '../../domain/digest/digest-chart-job.service.ts'
import { DEFAULT_DIGEST_POLICY, digestPolicyInput } from '../../domain/digest/digest-policy.ts'
import { digestTimers } from '../../domain/digest/digest-schedule.service.ts'
import { digestTimerHandlers } from '../../domain/digest/digest-timers.ts'
import { digestTexts } from '../../domain/digest/digest.texts.ts'
import { ledgerExportTimers } from '../../domain/digest/ledger-export-job.service.ts'
import { ledgerTexts } from '../../domain/digest/ledger.texts.ts'
import type { Capability } from '../capability.ts'

export const digests: Capability = {
  name: 'digests',
  help: { title: '报表', commands: [dailyDigestCommand, weeklyDigestCommand, monthlyDigestCommand, exportCommand] },
  timers: {
    handlers: (deps) => digestTimerHandlers(deps),
    sources: (clock) => [digestTimers(clock), reminderTimers(clock), digestChartTimers, ledgerExportTimers],
  },
  policy: { key: 'digests', input: digestPolicyInput, defaults: DEFAULT_DIGEST_POLICY },
  texts: { digestTexts, ledgerTexts },
}
