// Sending a webhook delivery (a timer job per attempt; `cycle` is the attempt number, so each attempt has its own
// job id): POST the stored body, signed at sending time, to the address checked at sending time (webhook-post.ts), with a 10 s limit; a local address is a failure at once; 2xx marks it delivered, anything else
// schedules the next attempt with backoff, until MAX_ATTEMPTS mark it failed (`gridbot webhooks failed|retry`).
// The sweeper re-creates the timers of unsent rows after a crash or a Redis flush. Receivers deduplicate by the
// delivery id (X-Gridbot-Delivery): a crash between their 2xx and our mark sends that one delivery again.
import { must } from '../../core/must.ts'
import type { TimerRun } from '../capability.ts'
import type { TimerDeps, TimerStep } from '../../kernel/timers/timer-step.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { backoffMs, DELIVERY_HEADER, EVENT_HEADER, MAX_ATTEMPTS, SIGNATURE_HEADER, sign } from './webhook-sign.ts'
import { WEBHOOK_TIMER } from './webhook-subscribers.ts'
import { postPinned, type Resolve } from './webhook-post.ts'
import { webhookRepo } from './webhook.repo.ts'

const TIMEOUT_MS = 10_000

/** The timers' deps, with the allow-local setting (GRIDBOT_WEBHOOK_ALLOW_LOCAL) and, in tests, a resolver. */
export type WebhookDeps = TimerDeps & { webhookAllowLocal?: boolean; resolve?: Resolve }

export async function sendDelivery(deps: WebhookDeps, step: TimerStep): Promise<'delivered' | 'retry' | 'failed' | 'stale'> {
  const d = await webhookRepo.delivery(deps.prisma, step.subjectId)
  if (!d || d.deliveredAt || d.failedAt || d.attempts !== step.cycle || d.webhook.removedAt) return 'stale'
  const now = deps.clock.now()
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'gridbot-webhooks',
    [SIGNATURE_HEADER]: sign(d.webhook.secret, d.body, Date.now()),
    [DELIVERY_HEADER]: d.deliveryId,
    [EVENT_HEADER]: d.event,
  }
  const outcome = await postPinned(d.webhook.url, headers, d.body, {
    allowLocal: deps.webhookAllowLocal ?? false,
    timeoutMs: TIMEOUT_MS,
    resolve: deps.resolve,
  })
  const error = outcome?.error ?? null
  const n = outcome?.permanent ? MAX_ATTEMPTS : d.attempts + 1
  if (!error) {
    await webhookRepo.attempted(deps.prisma, d.id, d.attempts, { deliveredAt: now, nextAt: null, lastError: null })
    deps.counters.inc('webhooks.delivered')
    return 'delivered'
  }
  if (n >= MAX_ATTEMPTS) {
    await webhookRepo.attempted(deps.prisma, d.id, d.attempts, { failedAt: now, nextAt: null, lastError: error })
    deps.counters.inc('webhooks.failed')
    deps.log.warn({ delivery: d.deliveryId, url: d.webhook.url, error, code: 'WEBHOOK_FAILED' }, 'webhook delivery failed for good')
    return 'failed'
  }
  const nextAt = new Date(now.getTime() + backoffMs(n))
  const claimed = await webhookRepo.attempted(deps.prisma, d.id, d.attempts, { nextAt, lastError: error })
  if (claimed.count) await deps.scheduler.schedule({ kind: WEBHOOK_TIMER, subjectId: d.id, cycle: n, step: 0, dueAt: nextAt })
  deps.counters.inc('webhooks.retried')
  return 'retry'
}

export const webhookTimerHandlers = (deps: WebhookDeps): Record<string, TimerRun> => ({ [WEBHOOK_TIMER]: (step) => sendDelivery(deps, step) })

export const webhookTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await webhookRepo.pending(db, before, take, afterId)
    const last = rows.at(-1)
    if (!last) return null
    return {
      lastId: last.id,
      timers: rows.map((r) => ({ kind: WEBHOOK_TIMER, subjectId: r.id, cycle: r.attempts, step: 0, dueAt: must(r.nextAt, 'WEBHOOK_NO_NEXT') })),
    }
  },
}
