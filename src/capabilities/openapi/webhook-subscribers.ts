// What the webhooks do when a domain event happens: one delivery row per live subscription at or above the event's
// unit, written in the event's own transaction (the outbox: a rolled-back change sends nothing, a Redis flush loses
// nothing), and a timer to send it now. What each event sends: webhook-payloads.ts.
import { must } from '../../core/must.ts'
import { randomUUID } from 'node:crypto'
import type { DomainEventMap, Subscriber } from '../../kernel/events.ts'
import type { Work } from '../../kernel/work.ts'
import { webhookRepo } from './webhook.repo.ts'
import { refuser } from '../../core/errors.ts'
import { openApiTexts } from './openapi.texts.ts'
import { dataFor, shape } from './webhook-payloads.ts'
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-events.ts'

export { WEBHOOK_EVENTS, type WebhookEvent }

export const WEBHOOK_TIMER = 'webhook_send'
const refuse = refuser<'WEBHOOK_BODY_UNKNOWN'>('openapi')

export async function recordDeliveries<K extends WebhookEvent>(w: Work, name: K, d: DomainEventMap[K]): Promise<number> {
  const s = shape(name, d)
  const subs = await webhookRepo.subscribed(w.db, name)
  if (!subs.length && s.body === undefined) return 0
  const units = await webhookRepo.units(w.db, [...new Set([...s.unitIds, s.ownerUnitId, ...Object.values(s.units ?? {})])])
  const reach = subs.filter((sub) => units.some((u) => s.unitIds.includes(u.id) && u.path.startsWith(sub.unit.path)))
  const covered = reach.filter((sub) => sub.body === null || sub.body === s.body)
  // A referral must reach its body: one unknown above the hazard's unit refuses the command (nothing is recorded).
  if (s.body !== undefined && !covered.some((sub) => sub.body === s.body))
    throw refuse('WEBHOOK_BODY_UNKNOWN', openApiTexts.bodyUnknown(s.body, [...new Set(reach.flatMap((sub) => (sub.body ? [sub.body] : [])))]))
  if (!covered.length) return 0
  const names = new Map(units.map((u) => [u.id, u.name]))
  const rows = covered.map((sub) => {
    const deliveryId = randomUUID()
    const data = dataFor(s, names, sub.owning && sub.unit.id === s.ownerUnitId)
    const body = JSON.stringify({ id: deliveryId, event: name, occurred_at: w.now.toISOString(), data })
    return { deliveryId, webhookId: sub.id, event: name, body, nextAt: w.now, createdAt: w.now }
  })
  for (const r of await webhookRepo.addDeliveries(w.db, rows))
    w.effects.schedule({ kind: WEBHOOK_TIMER, subjectId: r.id, cycle: 0, step: 0, dueAt: must(r.nextAt, 'WEBHOOK_NO_NEXT') })
  return rows.length
}

export const webhookSubscribers: Subscriber[] = WEBHOOK_EVENTS.map(
  (event) =>
    ({
      event,
      phase: 'in-transaction',
      handle: async (w: Work, d: DomainEventMap[typeof event]) => {
        await recordDeliveries(w, event, d)
        return undefined
      },
    }) as Subscriber,
)
