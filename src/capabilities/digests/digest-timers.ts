// The digest timers the timers queue runs: one occurrence of a unit's 日报, 周报 or 月报, or of a grid's check-in reminder.
import { timerHandler, type TimerDeps, type TimerStep } from '../../kernel/timers/timer-step.ts'
import { runDigestOccurrence } from './digest-schedule.service.ts'
import { runCheckinReminder } from './checkin-reminder.service.ts'
import { runLedgerExport } from './ledger-export-job.service.ts'
import { runDigestChart } from './digest-chart-job.service.ts'

/** What the handler needs of the queue's job: whether this attempt is its last (BullMQ counts attempts made before). */
export type Attempt = { attemptsMade: number; opts: { attempts?: number } }
export const isLastAttempt = (job?: Attempt) => !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)

export const digestTimerHandlers = (deps: TimerDeps) => ({
  digest: timerHandler(deps, 'digest', (tx, e, now, d) => runDigestOccurrence(tx, e, now, d.subjectId, d.step, d.cycle, deps.events)),
  // Its own transactions: the chart is drawn with none open (digest-chart-job.service.ts).
  digest_chart: (d: TimerStep) => runDigestChart(deps, d.subjectId, d.step, d.cycle),
  checkin_reminder: timerHandler(deps, 'checkin_reminder', (tx, e, now, d) => runCheckinReminder(tx, e, now, d.subjectId, d.cycle)),
  // Not a timer step in one transaction: the file is built with none open (ledger-export-job.service.ts).
  ledger_export: (d: TimerStep, job?: Attempt) => runLedgerExport(deps, d.subjectId, isLastAttempt(job)),
})
