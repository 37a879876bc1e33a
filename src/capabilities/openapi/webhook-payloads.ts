// What each webhook event sends: ids, states and counts, never people. `unitIds` say who may subscribe (a
// subscription at or above any of them); the one free text (`text`: a title, a description) is sent as written only
// to the owning unit's own subscription, masked (phones, ID numbers) everywhere else. `units` are unit ids sent by name.
import { maskPersonalData } from '../../core/privacy/mask.ts'
import type { DomainEventMap, HazardChanged, TaskChanged } from '../../kernel/work.ts'
import type { WebhookEvent } from './webhook-events.ts'
import { must } from '../../core/must.ts'

export interface Shaped {
  unitIds: number[]
  ownerUnitId: number
  data: Record<string, unknown>
  text?: { field: string; value: string }
  units?: Record<string, number>
  /** hazard.referred: the body it goes to (only that body's endpoint, besides ordinary subscriptions, receives it). */
  body?: string
}

const iso = (d: Date | null) => d?.toISOString() ?? null

const task = (t: TaskChanged, extra: Record<string, unknown> = {}): Shaped => ({
  unitIds: [t.task.unitId],
  ownerUnitId: t.task.unitId,
  data: { id: t.ref, status: t.task.status, priority: t.task.priority, deadline: iso(t.task.deadline), ...extra },
  text: { field: 'title', value: t.task.title },
})

const hazard = (h: HazardChanged): Shaped => ({
  unitIds: [h.hazard.unitId, h.hazard.reportUnitId],
  ownerUnitId: h.hazard.reportUnitId,
  data: {
    id: h.ref,
    category: h.hazard.category,
    status: h.hazard.status,
    priority: h.hazard.priority,
    note: h.note && maskPersonalData(h.note),
    ...(h.how ? { verified_how: h.how } : {}),
  },
  text: { field: 'description', value: h.hazard.description },
})

const SHAPERS: { [K in WebhookEvent]: (d: DomainEventMap[K]) => Shaped } = {
  'hazard.reported': hazard,
  'hazard.acknowledged': hazard,
  'hazard.resolved': hazard,
  'hazard.verified': hazard,
  'hazard.referred': (d) => ({ ...hazard(d), data: { ...hazard(d).data, body: d.body }, body: d.body }),
  'task.created': (d) => task(d),
  'task.claimed': (d) => task(d, { how: d.how }),
  'task.escalated': (d) => ({ ...task(d, { level: d.level, kind: d.kind }), units: { reached_unit: d.reachedUnitId } }),
  'task.completed': (d) => ({
    unitIds: [d.task.unitId],
    ownerUnitId: d.task.unitId,
    data: { id: d.ref, priority: d.task.priority },
    text: { field: 'title', value: d.task.title },
  }),
  'need.recorded': (d) => ({
    unitIds: [d.need.unitId],
    ownerUnitId: d.need.unitId,
    data: { id: d.ref, status: d.need.status, from_resident: d.need.fromResident },
    text: { field: 'description', value: d.need.description },
  }),
  'notice.sla_missed': (d) => ({
    unitIds: [d.notice.unitId],
    ownerUnitId: d.notice.unitId,
    data: { id: d.ref, priority: d.notice.priority, sla_at: iso(d.notice.slaAt), deliveries: d.deliveries, unacknowledged: d.unacknowledged, failed: d.failed },
  }),
  'digest.ready': (d) => ({
    unitIds: [d.unitId],
    ownerUnitId: d.unitId,
    data: { kind: d.kind, from: iso(d.from), to: iso(d.to), late: d.late, ...d.counts },
  }),
  'activity.closed': (c) => ({
    unitIds: [c.activity.unitId],
    ownerUnitId: c.activity.unitId,
    data: { id: c.activity.ref, kind: c.activity.kind, minutes: c.minutes, attendees: c.attendees.length },
    text: { field: 'name', value: c.activity.name },
  }),
}

export const shape = <K extends WebhookEvent>(name: K, d: DomainEventMap[K]): Shaped => (SHAPERS[name] as (x: DomainEventMap[K]) => Shaped)(d)

/** The body's data for one subscription: unit names added, the text as written only for the owning unit's own. */
export function dataFor(s: Shaped, names: Map<number, string>, unmasked: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {
    ...s.data,
    unit: names.get(must(s.unitIds[0], 'WEBHOOK_NO_UNIT')) ?? null,
    owning_unit: names.get(s.ownerUnitId) ?? null,
  }
  for (const [field, id] of Object.entries(s.units ?? {})) data[field] = names.get(id) ?? null
  if (s.text) data[s.text.field] = unmasked ? s.text.value : maskPersonalData(s.text.value)
  return data
}
