// The OpenAPI 3 description of the open API, served at /api/openapi.json (test/openapi.int.test.ts checks its
// paths against the routes the routers register, both ways).
import { WEBHOOK_EVENTS } from '../../capabilities/openapi/webhook-subscribers.ts'
import { WEBHOOK_OPERATIONS } from './openapi-webhooks.ts'
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER } from '../../capabilities/openapi/webhook-sign.ts'
import { HAZARD_CATEGORIES } from '../../capabilities/hazards/hazard-open311.service.ts'

const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const errors = { $ref: '#/components/schemas/Errors' }
const refusals = {
  '400': { description: 'bad input', ...json(errors) },
  '401': { description: 'api_key missing, unknown or revoked', ...json(errors) },
  '403': { description: 'out of the key’s unit, or a read-only key', ...json(errors) },
  '429': { description: 'rate limit (Retry-After)', ...json(errors) },
}
const unitParam = { name: 'unit', in: 'query', schema: { type: 'string' }, description: 'a unit inside the key’s unit (default: the key’s)' }
const pageParams = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'page_size', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
]
const periodParam = { name: 'period', in: 'query', schema: { type: 'string', enum: ['day', 'week', 'month'] } }
const page = { $ref: '#/components/schemas/Page' }
const read = (summary: string, params: object[] = []) => ({
  get: { summary, parameters: [unitParam, ...params], responses: { '200': { description: 'ok', ...json(page) }, ...refusals } },
})

const geoReport = {
  type: 'object',
  properties: Object.fromEntries(
    [
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'requested_datetime',
      'updated_datetime',
      'address',
      'media_url',
    ].map((k) => [k, { type: 'string', nullable: true }]),
  ),
}

export const OPENAPI_DOCUMENT = {
  openapi: '3.0.3',
  info: {
    title: 'gridbot open API',
    version: '1',
    description:
      `Open311 GeoReport v2 (hazard reports in and out) and a read API for dashboards, per API key (a unit's subtree, read or read-write; ` +
      `gridbot api-key create). Webhooks (gridbot webhooks add) POST JSON signed with HMAC-SHA256: header ${SIGNATURE_HEADER}: t=<unix>,v1=<hex of HMAC(secret, "<t>.<body>")>; ` +
      `${DELIVERY_HEADER} is the delivery's idempotency key, ${EVENT_HEADER} its event (${WEBHOOK_EVENTS.join(', ')}).`,
  },
  components: {
    securitySchemes: {
      apiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key' },
      apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      bearer: { type: 'http', scheme: 'bearer' },
    },
    schemas: {
      Errors: {
        type: 'array',
        items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string' } } },
      },
      Page: {
        type: 'object',
        properties: {
          items: { type: 'array', items: { type: 'object' } },
          page: { type: 'integer' },
          page_size: { type: 'integer' },
          total: { type: 'integer' },
          next_page: { type: 'integer', nullable: true },
        },
      },
      GeoReportRequest: geoReport,
    },
  },
  security: [{ apiKeyQuery: [] }, { apiKeyHeader: [] }, { bearer: [] }],
  'x-webhooks': WEBHOOK_OPERATIONS,
  paths: {
    '/open311/v2/services.json': {
      get: {
        summary: 'the hazard categories as Open311 services',
        responses: { '200': { description: 'services', ...json({ type: 'array', items: { type: 'object' } }) }, ...refusals },
      },
    },
    '/open311/v2/requests.json': {
      get: {
        summary: 'requests (hazard reports) of the key’s area, masked',
        parameters: [
          { name: 'start_date', in: 'query', schema: { type: 'string', format: 'date-time' } },
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'closed'] } },
          { name: 'service_code', in: 'query', schema: { type: 'string' } },
          { name: 'after', in: 'query', schema: { type: 'integer' }, description: 'the next page (see the Link header)' },
          { name: 'page_size', in: 'query', schema: { type: 'integer', maximum: 200 } },
        ],
        responses: { '200': { description: 'requests', ...json({ type: 'array', items: { $ref: '#/components/schemas/GeoReportRequest' } }) }, ...refusals },
      },
      post: {
        summary: 'file a request: a hazard report in the grid that owns the place (read-write key)',
        parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' }, description: 'a replay answers the same request' }],
        requestBody: {
          required: true,
          content: Object.fromEntries(
            ['application/x-www-form-urlencoded', 'application/json'].map((t) => [
              t,
              {
                schema: {
                  type: 'object',
                  required: ['service_code', 'description'],
                  properties: {
                    api_key: { type: 'string' },
                    service_code: { type: 'string', enum: HAZARD_CATEGORIES },
                    description: { type: 'string', maxLength: 2000 },
                    lat: { type: 'number' },
                    long: { type: 'number' },
                    address_string: { type: 'string' },
                    media_url: { type: 'string' },
                    first_name: { type: 'string' },
                    last_name: { type: 'string' },
                    phone: { type: 'string' },
                    email: { type: 'string' },
                    'attribute[unit]': { type: 'string', description: 'the grid it is for' },
                    'attribute[client_request_id]': { type: 'string' },
                  },
                },
              },
            ]),
          ),
        },
        responses: {
          '200': { description: 'filed', ...json({ type: 'array', items: { type: 'object', properties: { service_request_id: { type: 'string' } } } }) },
          ...refusals,
        },
      },
    },
    '/open311/v2/requests/{id}.json': {
      get: {
        summary: 'one request with its lifecycle (status_notes: the latest progress or resolution note), masked',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'H3' }],
        responses: {
          '200': { description: 'the request', ...json({ type: 'array', items: { $ref: '#/components/schemas/GeoReportRequest' } }) },
          '404': { description: 'not in the key’s area', ...json(errors) },
          ...refusals,
        },
      },
    },
    '/api/v1/checkins/today': {
      get: {
        summary: 'today’s check-ins per child unit',
        parameters: [unitParam],
        responses: { '200': { description: 'counts', ...json({ type: 'object' }) }, ...refusals },
      },
    },
    '/api/v1/tasks': read('open tasks with their escalation level', pageParams),
    '/api/v1/hazards': read('open hazards with their escalation level', pageParams),
    '/api/v1/needs': read('open needs', pageParams),
    '/api/v1/notices': read('notices of the last 7 days with acknowledgement rates', pageParams),
    '/api/v1/digest': {
      get: {
        summary: 'a digest’s counts (funnel included)',
        parameters: [unitParam, periodParam],
        responses: { '200': { description: 'counts', ...json({ type: 'object' }) }, ...refusals },
      },
    },
    '/api/v1/rankings': read('child units ranked by the digest’s counts', [periodParam, ...pageParams]),
  },
}
