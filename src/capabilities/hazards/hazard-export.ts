// Hazard reports for a district platform (Open311 GeoReport v2 service requests) and for people (CSV). Pure mapping
// from records to rows; everything leaves the owning unit, so descriptions and addresses are masked.
import { isoLocal } from '../../core/local-time.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import { categoryLabel, HAZARD_STATUS_LABEL, HAZARD_EVENT_LABEL, hazardId } from './hazard.texts.ts'
import type { Hazard, HazardEvent } from './hazard.types.ts'
import { hazardExportTexts } from './hazard-export.texts.ts'

/** The GeoReport v2 service request fields (GET /requests), in the order of the specification. */
export const GEOREPORT_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
] as const

export type GeoReportRequest = Record<(typeof GEOREPORT_FIELDS)[number], string | number | null>

export interface ExportRecord {
  hazard: Hazard & { events: HazardEvent[] }
  handlingUnit: string
  reportUnit: string
  /** Media store references of its images, the report's first. */
  images: string[]
}

const CLOSED = new Set(['verified', 'merged'])

/** The latest word on it: its last event with a note, else its status. */
function statusNotes(h: Hazard & { events: HazardEvent[] }): string {
  const last = [...h.events].reverse().find((e) => e.note && e.kind !== 'disclosed')
  const status = HAZARD_STATUS_LABEL[h.status]
  return maskPersonalData(last ? `${status}:${HAZARD_EVENT_LABEL[last.kind] ?? last.kind} ${last.note}` : status)
}

export function toGeoReport(r: ExportRecord, mediaBaseUrl: string | null): GeoReportRequest {
  const h = r.hazard
  return {
    service_request_id: hazardId(h),
    status: CLOSED.has(h.status) ? 'closed' : 'open',
    status_notes: statusNotes(h),
    service_name: categoryLabel(h.category),
    service_code: h.category,
    description: maskPersonalData(h.description),
    agency_responsible: r.handlingUnit,
    service_notice: null,
    requested_datetime: isoLocal(h.createdAt),
    updated_datetime: isoLocal(h.updatedAt),
    expected_datetime: null,
    address: h.address ? maskPersonalData(h.address) : null,
    address_id: null,
    zipcode: null,
    lat: h.latitude,
    long: h.longitude,
    media_url: mediaBaseUrl && r.images[0] ? `${mediaBaseUrl.replace(/\/$/, '')}/${r.images[0]}` : null,
  }
}

export const CSV_HEADERS = hazardExportTexts.headers

export function toCsvRow(r: ExportRecord): (string | number)[] {
  const h = r.hazard
  return [
    hazardId(h),
    HAZARD_STATUS_LABEL[h.status],
    categoryLabel(h.category),
    hazardExportTexts.urgent(h.priority === 'urgent'),
    maskPersonalData(h.description),
    r.reportUnit,
    r.handlingUnit,
    h.reporterMemberId ? maskPersonalData(h.reporterName) : hazardExportTexts.resident,
    h.reportCount,
    isoLocal(h.createdAt),
    isoLocal(h.updatedAt),
    h.result ? maskPersonalData(h.result) : '',
    h.verifiedHow ?? '',
    h.address ? maskPersonalData(h.address) : '',
    h.latitude ?? '',
    h.longitude ?? '',
    r.images.length,
  ]
}

/**
 * RFC 4180: quoted when needed; a BOM first so spreadsheet programs read the Chinese as UTF-8. A text cell that a
 * spreadsheet would run as a formula (=, +, -, @ first — anyone can type one into a report) gets a leading '.
 */
export function toCsv(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
