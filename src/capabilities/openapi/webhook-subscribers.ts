// What the webhooks do when a domain event happens: one delivery row per live subscription at or above the event's
// unit, written in the event's own transaction (the outbox: a rolled-back change sends nothing, a Redis flush loses
// nothing), and a timer to send it now. Descriptions are masked unless the subscription is the owning unit's.
import { randomUUID } from 'node:crypto'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import type { DomainEventMap, EventName, Subscriber } from '../../kernel/events.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Work } from '../../kernel/work.ts'
import { webhookRepo } from './webhook.repo.ts'

export const WEBHOOK_TIMER = 'webhook_send'

/** The events a subscription may name. */
export const WEBHOOK_EVENTS = [
  'hazard.reported',
  'hazard.acknowledged',
  'hazard.resolved',
  'task.completed',
  'activity.closed',
] as const satisfies readonly EventName[]
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** The event's units (who may subscribe to it) and its data as sent: `text` is the one field masked. */
type Shaped = { unitIds: number[]; ownerUnitId: number; data: Record<string, unknown>; text: { field: string; value: string } }

function shape<K extends WebhookEvent>(name: K, d: DomainEventMap[K]): Shaped {
  if (name === 'task.completed') {
    const t = (d as DomainEventMap['task.completed']).task
    return {
      unitIds: [t.unitId],
      ownerUnitId: t.unitId,
      data: { id: (d as DomainEventMap['task.completed']).ref, priority: t.priority },
      text: { field: 'title', value: t.title },
    }
  }
  if (name === 'activity.closed') {
    const c = d as DomainEventMap['activity.closed']
    return {
      unitIds: [c.activity.unitId],
      ownerUnitId: c.activity.unitId,
      data: { id: c.activity.ref, kind: c.activity.kind, minutes: c.minutes, attendees: c.attendees.length },
      text: { field: 'name', value: c.activity.name },
    }
  }
  const h = d as DomainEventMap['hazard.reported']
  return {
    unitIds: [h.hazard.unitId, h.hazard.reportUnitId],
    ownerUnitId: h.hazard.reportUnitId,
    data: { id: h.ref, category: h.hazard.category, status: h.hazard.status, priority: h.hazard.priority, note: h.note && maskPersonalData(h.note) },
    text: { field: 'description', value: h.hazard.description },
  }
}

export async function recordDeliveries<K extends WebhookEvent>(w: Work, name: K, d: DomainEventMap[K]): Promise<number> {
  const subs = await webhookRepo.subscribed(w.db, name)
  if (!subs.length) return 0
  const s = shape(name, d)
  const units = await orgRepo.unitPaths(w.db, s.unitIds)
  const covered = subs.filter((sub) => units.some((u) => u.path.startsWith(sub.unit.path)))
  if (!covered.length) return 0
  const [owner, handling] = await Promise.all([orgRepo.unitById(w.db, s.ownerUnitId), orgRepo.unitById(w.db, s.unitIds[0]!)])
  const rows = covered.map((sub) => {
    const deliveryId = randomUUID()
    const unmasked = sub.owning && sub.unit.id === s.ownerUnitId
    const data = {
      ...s.data,
      unit: handling?.name ?? null,
      owning_unit: owner?.name ?? null,
      [s.text.field]: unmasked ? s.text.value : maskPersonalData(s.text.value),
    }
    const body = JSON.stringify({ id: deliveryId, event: name, occurred_at: w.now.toISOString(), data })
    return { deliveryId, webhookId: sub.id, event: name, body, nextAt: w.now, createdAt: w.now }
  })
  for (const r of await webhookRepo.addDeliveries(w.db, rows)) w.effects.schedule({ kind: WEBHOOK_TIMER, subjectId: r.id, cycle: 0, step: 0, dueAt: r.nextAt! })
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
