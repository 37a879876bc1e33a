// Notices (通知): sent down the tree, acknowledged (收到), summarised at the SLA, escalated, and scheduled.
import { handleAcknowledgement } from './notice-ack.handler.ts'
import { noticeCommand, scheduleCancelCommand, scheduleListCommand } from './notice.command.ts'
import { registerNoticeSlaMetrics } from './notice-metrics.ts'
import { noticePolicy } from './notice-policy.ts'
import { noticeTimerHandlers } from './notice-timer-handlers.ts'
import { noticeScheduleTimers, noticeTimers } from './notice-timers.ts'
import { deliveriesSent, deliveryFailed, NOTICE_KEY } from './notice.service.ts'
import { noticeHelpTitle, noticeTexts } from './notice.texts.ts'
import type { Capability } from '../capability.ts'

export const notices: Capability = {
  name: 'notices',
  help: { title: noticeHelpTitle, commands: [noticeCommand, scheduleListCommand, scheduleCancelCommand] },
  acknowledgement: handleAcknowledgement,
  timers: { handlers: (deps) => noticeTimerHandlers(deps), sources: () => [noticeTimers, noticeScheduleTimers] },
  policy: noticePolicy,
  // A delivery moves on with its post: queued/failed → sent when WeChat accepted it, failed (with why) when it gave up.
  outbox: {
    keyPrefix: NOTICE_KEY,
    onSent: (db, marks, at) => deliveriesSent(db, marks.keys, at),
    onFailed: (db, key, reason, at) => deliveryFailed(db, key, reason, at),
  },
  metrics: registerNoticeSlaMetrics,
  events: { publishes: ['notice.sla_missed'] },
  texts: { noticeTexts },
}
