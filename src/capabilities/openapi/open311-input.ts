// An Open311 GeoReport v2 POST /requests body (JSON, or form-encoded as most clients send it) checked field by field:
// a request to file, or every problem found (each becomes one { code, description } of the spec's error array).
export const MAX_DESCRIPTION = 2_000
const MAX_FIELD = 300

export interface Open311Input {
  serviceCode: string
  description: string
  location: { latitude: number; longitude: number } | null
  address: string | null
  mediaUrl: string | null
  caller: { name: string | null; phone: string | null; email: string | null }
  /** `attribute[unit]`: the unit (a grid) it is for. */
  unit: string | null
  /** The client's own id for this request (`Idempotency-Key` or `attribute[client_request_id]`): a replay files nothing new. */
  clientRequestId: string | null
}

type Body = Record<string, unknown>

/** A field as a string: '' and absent are null; anything not a string or number is a problem. */
function text(b: Body, name: string, problems: string[], max = MAX_FIELD): string | null {
  const v = b[name]
  if (v === undefined || v === null || v === '') return null
  if (typeof v !== 'string' && typeof v !== 'number') {
    problems.push(`${name} must be a string`)
    return null
  }
  const s = String(v).trim()
  if (s.length > max) problems.push(`${name} is longer than ${max} characters`)
  return s || null
}

function number(b: Body, name: string, min: number, max: number, problems: string[]): number | null {
  const s = text(b, name, problems)
  if (s === null) return null
  const n = Number(s)
  if (!Number.isFinite(n) || n < min || n > max) {
    problems.push(`${name} must be a number from ${min} to ${max}`)
    return null
  }
  return n
}

/** `attribute[unit]` as qs parses a form (attribute: { unit }), or as a JSON body may carry it (either shape). */
function attribute(b: Body, name: string, problems: string[]): string | null {
  const nested = b.attribute && typeof b.attribute === 'object' ? (b.attribute as Body) : {}
  return text({ [name]: nested[name] ?? b[`attribute[${name}]`] }, name, problems)
}

export function parseOpen311Request(
  body: unknown,
  known: readonly string[],
  idempotencyKey?: string,
): { ok: true; value: Open311Input } | { ok: false; problems: string[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, problems: ['the body must be an object of fields'] }
  const b = body as Body
  const problems: string[] = []
  const serviceCode = text(b, 'service_code', problems)
  if (!serviceCode) problems.push('service_code is required')
  else if (!known.includes(serviceCode)) problems.push(`service_code ${serviceCode} is unknown (GET services.json lists them)`)
  const description = text(b, 'description', problems, MAX_DESCRIPTION)
  if (!description) problems.push('description is required')
  const lat = number(b, 'lat', -90, 90, problems)
  const long = number(b, 'long', -180, 180, problems)
  if ((lat === null) !== (long === null)) problems.push('lat and long go together')
  const address = text(b, 'address_string', problems) ?? text(b, 'address', problems)
  const mediaUrl = text(b, 'media_url', problems, 2_000)
  if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) problems.push('media_url must be an http(s) URL')
  const first = text(b, 'first_name', problems)
  const last = text(b, 'last_name', problems)
  const caller = { name: [last, first].filter(Boolean).join('') || null, phone: text(b, 'phone', problems), email: text(b, 'email', problems) }
  const unit = attribute(b, 'unit', problems)
  const clientRequestId = (idempotencyKey?.trim() || null) ?? attribute(b, 'client_request_id', problems)
  if (lat === null && !address && !unit) problems.push('a location is required: lat and long, address_string, or attribute[unit]')
  if (problems.length || !serviceCode || !description) return { ok: false, problems }
  return {
    ok: true,
    value: {
      serviceCode,
      description,

      location: lat !== null && long !== null ? { latitude: lat, longitude: long } : null,
      address,
      mediaUrl,
      caller,
      unit,
      clientRequestId: clientRequestId?.slice(0, 200) ?? null,
    },
  }
}
