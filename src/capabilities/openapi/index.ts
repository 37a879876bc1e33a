// The open API (issue #28): keys per unit subtree, the audit of calls, Open311 requests filed from outside, event
// webhooks. Its HTTP routes live in src/http/api (they meet hazards through its service); this declares its webhooks' event subscribers and timers, and its texts.
import type { Capability } from '../capability.ts'
import { openApiTexts } from './openapi.texts.ts'
import { webhookSubscribers } from './webhook-subscribers.ts'
import { webhookRepo } from './webhook.repo.ts'
import { webhookTimerHandlers, webhookTimers } from './webhook-timers.ts'

export const openapi: Capability = {
  name: 'openapi',
  timers: { handlers: (deps) => webhookTimerHandlers(deps), sources: () => [webhookTimers] },
  events: { subscribes: webhookSubscribers },
  metrics: (metrics, prisma) =>
    metrics.gauge('gridbot_webhook_deliveries', 'Webhook deliveries not yet delivered, by state (pending, failed)', ['state'], async () => {
      const c = await webhookRepo.counts(prisma)
      return [
        { labels: { state: 'pending' }, value: c.pending },
        { labels: { state: 'failed' }, value: c.failed },
      ]
    }),
  texts: { openApiTexts },
}
