// The webhook deliveries in the OpenAPI document (`x-webhooks`, as OpenAPI 3.0 tools read it; 3.1's `webhooks`):
// per event, the body a subscriber receives. Every body is {id, event, occurred_at, data}; `data` always names the
// handling unit (`unit`) and the owning unit (`owning_unit`). Free text is masked unless the subscription is the
// owning unit's own (`gridbot webhooks add --owning`).
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../capabilities/openapi/webhook-events.ts'
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER } from '../../capabilities/openapi/webhook-sign.ts'

const str = { type: 'string' }
const int = { type: 'integer' }
const time = { type: 'string', format: 'date-time', nullable: true }
const masked = (what: string) => ({ type: 'string', description: `${what}: phones and ID numbers masked unless the subscription is the owning unit's` })

const hazard = {
  id: { ...str, example: 'H3' },
  category: str,
  status: str,
  priority: str,
  note: { type: 'string', nullable: true },
  description: masked('the report'),
}
const task = { id: { ...str, example: 'T12' }, status: str, priority: str, deadline: time, title: masked('the title') }
const counts = { type: 'object', properties: { opened: int, claimed: int, done: int, reported: int, resolved: int } }

const DATA: Record<WebhookEvent, Record<string, object>> = {
  'hazard.reported': hazard,
  'hazard.acknowledged': hazard,
  'hazard.resolved': hazard,
  'hazard.verified': { ...hazard, verified_how: { type: 'string', enum: ['reporter', 'supervisor', 'timeout'] } },
  'hazard.referred': { ...hazard, body: { type: 'string', description: 'the body outside the tree it was referred to (by its name)' } },
  'task.created': task,
  'task.claimed': { ...task, how: { type: 'string', enum: ['claimed', 'taken_over', 'reassigned'] } },
  'task.escalated': {
    ...task,
    level: { ...int, description: "0: the task's own group reminded; n: the unit n levels up told" },
    kind: { type: 'string', enum: ['unclaimed', 'overdue'] },
    reached_unit: str,
  },
  'task.completed': { id: task.id, priority: str, title: task.title },
  'need.recorded': {
    id: { ...str, example: 'N3' },
    status: { type: 'string', enum: ['pending', 'open'] },
    from_resident: { type: 'boolean' },
    description: masked('the need'),
  },
  'notice.sla_missed': { id: { ...str, example: 'B1' }, priority: str, sla_at: time, deliveries: int, unacknowledged: int, failed: int },
  'activity.closed': { id: { ...str, example: 'A3' }, kind: str, minutes: int, attendees: int, name: masked("the activity's name") },
  'digest.ready': {
    kind: { type: 'string', enum: ['daily', 'weekly', 'monthly'] },
    from: time,
    to: time,
    late: { type: 'boolean' },
    checkins: int,
    tasks: counts,
    hazards: counts,
  },
}

const body = (event: WebhookEvent) => ({
  type: 'object',
  required: ['id', 'event', 'occurred_at', 'data'],
  properties: {
    id: { type: 'string', description: `the delivery id, also in ${DELIVERY_HEADER}: deduplicate by it` },
    event: { type: 'string', enum: [event] },
    occurred_at: { type: 'string', format: 'date-time' },
    data: { type: 'object', properties: { ...DATA[event], unit: str, owning_unit: str } },
  },
})

const header = (name: string, description: string) => ({ name, in: 'header', required: true, schema: str, description })

export const WEBHOOK_OPERATIONS = Object.fromEntries(
  WEBHOOK_EVENTS.map((event) => [
    event,
    {
      post: {
        summary: `${event}, POSTed to each subscription at or above the event's unit`,
        parameters: [
          header(SIGNATURE_HEADER, 't=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>'),
          header(DELIVERY_HEADER, 'the delivery id (the same on every retry)'),
          header(EVENT_HEADER, 'the event'),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: body(event) } } },
        responses: { '2XX': { description: 'delivered; anything else is retried with backoff' } },
      },
    },
  ]),
)
