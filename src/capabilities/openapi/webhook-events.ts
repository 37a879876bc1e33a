// The events a webhook subscription may name (each a kernel domain event; what each sends: webhook-payloads.ts).
import type { EventName } from '../../kernel/events.ts'

/** The events a subscription may name. */
export const WEBHOOK_EVENTS = [
  'hazard.reported',
  'hazard.acknowledged',
  'hazard.resolved',
  'hazard.verified',
  'hazard.referred',
  'task.created',
  'task.claimed',
  'task.escalated',
  'task.completed',
  'need.recorded',
  'notice.sla_missed',
  'activity.closed',
  'digest.ready',
] as const satisfies readonly EventName[]
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]
