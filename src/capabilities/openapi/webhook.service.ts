// Webhook subscriptions: added for a unit (its subtree's events) with a URL checked against SSRF and a secret shown
// once; listed; removed; failed deliveries listed and sent again.
import { refuser } from '../../core/errors.ts'
import type { DbOrTx } from '../../db/client.ts'
import { findUnit } from './api-key.service.ts'
import { openApiTexts } from './openapi.texts.ts'
import { newSecret } from './webhook-sign.ts'
import { WEBHOOK_EVENTS } from './webhook-subscribers.ts'
import { webhookRepo } from './webhook.repo.ts'
import { webhookUrlProblem } from './webhook-url.ts'

export type WebhookRefusal = 'WEBHOOK_URL' | 'WEBHOOK_EVENT' | 'WEBHOOK_UNKNOWN'
const refuse = refuser<WebhookRefusal>('openapi')

export async function addWebhook(
  db: DbOrTx,
  a: { unit: string; district?: string; url: string; events: string[]; owning: boolean; allowLocal: boolean; now: Date; body?: string },
) {
  // A body outside the tree receives only what is referred to it, masked (it is not the owning unit).
  if (a.body) Object.assign(a, { events: ['hazard.referred'], owning: false })
  const unknown = a.events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))
  if (!a.events.length || unknown.length) throw refuse('WEBHOOK_EVENT', openApiTexts.webhookEvents(unknown, WEBHOOK_EVENTS))
  const problem = await webhookUrlProblem(a.url, a.allowLocal)
  if (problem) throw refuse('WEBHOOK_URL', openApiTexts.webhookUrl(a.url, problem))
  const unit = await findUnit(db, a.unit, a.district)
  const row = await webhookRepo.create(db, {
    unitId: unit.id,
    url: a.url,
    secret: newSecret(),
    events: [...new Set(a.events)],
    owning: a.owning,
    body: a.body ?? null,
    createdAt: a.now,
  })
  return { row, unit }
}

export const listWebhooks = (db: DbOrTx) => webhookRepo.list(db)

export async function removeWebhook(db: DbOrTx, id: number, now: Date) {
  if (!(await webhookRepo.remove(db, id, now)).count) throw refuse('WEBHOOK_UNKNOWN', openApiTexts.webhookUnknown(id))
}

export const failedDeliveries = (db: DbOrTx) => webhookRepo.failed(db)

/** Sends a failed delivery again (the sweeper re-creates its timer from the row). */
export async function retryDelivery(db: DbOrTx, id: number, now: Date) {
  if (!(await webhookRepo.retry(db, id, now)).count) throw refuse('WEBHOOK_UNKNOWN', openApiTexts.deliveryUnknown(id))
}
