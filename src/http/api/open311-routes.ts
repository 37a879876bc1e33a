// Open311 GeoReport v2 on the process's HTTP surface (issue #28): services (the hazard categories), requests filed
// from outside (a resident's report in the grid that owns the place, announced in its group), and requests read back
// with their lifecycle, masked as the export is. Errors are the spec's array of { code, description }.
import type { Response, Router } from 'express'
import { isAppError } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { Effects } from '../../core/effects.ts'
import { inTransaction } from '../../db/transaction.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import { writeOutbox } from '../../kernel/outbox/outbox.service.ts'
import type { PipelineDeps } from '../../pipeline/deps.ts'
import { toGeoReport } from '../../capabilities/hazards/hazard-export.ts'
import { HAZARD_CATEGORIES, hazardInScope, hazardsInScope, reportFromOutside } from '../../capabilities/hazards/hazard-open311.service.ts'
import { categoryLabel, hazardId } from '../../capabilities/hazards/hazard.texts.ts'
import type { HazardCategory } from '../../capabilities/hazards/hazard.types.ts'
import type { ApiPrincipal } from '../../capabilities/openapi/api-key.service.ts'
import { parseOpen311Request, type Open311Input } from '../../capabilities/openapi/open311-input.ts'
import { open311Repo } from '../../capabilities/openapi/open311.repo.ts'
import { routeToGrid } from '../../capabilities/openapi/open311-routing.service.ts'
import { open311Texts, SERVICE_GROUP } from '../../capabilities/openapi/openapi.texts.ts'
import { apiError, needsWrite, principalOf } from './api-auth.ts'
import { must } from '../../core/must.ts'

/** What filing a request needs of the app: its stores, outbox, timers, clock and domain events. */
export type WorkDeps = Pick<PipelineDeps, 'prisma' | 'outbox' | 'scheduler' | 'clock' | 'events' | 'log'>

export const OPEN311_PREFIX = '/open311/v2'
const PAGE_MAX = 200

/** An AppError from a rule is the client's fault (400); anything else is ours. */
function refused(res: Response, e: unknown): boolean {
  if (!isAppError(e)) return false
  apiError(res, e.code.endsWith('OUT_OF_SCOPE') ? 403 : 400, e.userMessage)
  return true
}

async function file(deps: WorkDeps, p: ApiPrincipal, r: Open311Input): Promise<string> {
  if (r.clientRequestId) {
    const before = await open311Repo.byClientId(deps.prisma, p.keyId, r.clientRequestId)
    if (before) return hazardId(before.hazard)
  }
  const grid = await routeToGrid(deps.prisma, p.unit, r)
  const rooms = await orgRepo.roomsOfUnit(deps.prisma, grid.id)
  if (!rooms.length) throw new Error(`grid ${grid.name} has no bound group`)
  const now = deps.clock.now()
  const effects = new Effects()
  const key = jobId('open311', p.keyId, r.clientRequestId ?? `${now.getTime()}-${Math.random().toString(36).slice(2)}`)
  const h = await inTransaction(deps.prisma, async (tx) => {
    const w = { db: tx, effects, now, events: deps.events }
    const description = r.address && !r.location ? open311Texts.descriptionWithAddress(r.description, r.address) : r.description
    const location = r.location ? { ...r.location, address: r.address ?? '' } : null
    const room = { ...must(rooms[0], 'ROOM_UNBOUND'), unit: grid }
    const h = await reportFromOutside(w, {
      room,
      reporter: { id: `open311:${p.keyId}`, name: p.name },
      description,
      category: r.serviceCode as HazardCategory,
      location,
      key,
    })
    await open311Repo.create(tx, {
      keyId: p.keyId,
      hazardId: h.id,
      clientRequestId: r.clientRequestId,
      callerName: r.caller.name,
      callerPhone: r.caller.phone,
      callerEmail: r.caller.email,
      mediaUrl: r.mediaUrl,
      createdAt: now,
    })
    const text = open311Texts.announced(hazardId(h), {
      source: p.name,
      category: categoryLabel(h.category),
      description,
      address: r.address,
      caller: r.caller,
      mediaUrl: r.mediaUrl,
    })
    for (const room of rooms) effects.post(toRoom(room, text), jobId('open311', h.id, room.id))
    await writeOutbox(tx, effects.posts, now)
    return h
  }).catch(async (e: unknown) => {
    // The same client request id filed at the same moment by a concurrent call: that one stands, this one rolled back.
    const race = r.clientRequestId && (e as { code?: string }).code === 'P2002' ? await open311Repo.byClientId(deps.prisma, p.keyId, r.clientRequestId) : null
    if (!race) throw e
    effects.clear()
    return race.hazard
  })
  await effects.flush(deps.outbox, deps.scheduler)
  return hazardId(h)
}

const numberOf = (id: string) => /^h?0*(\d{1,9})$/i.exec(id)?.[1]

export function open311Routes(deps: WorkDeps & { mediaBaseUrl: string | null }) {
  return (router: Router) => {
    router.get('/services.json', (_req, res) => {
      res.json(
        HAZARD_CATEGORIES.map((c) => ({
          service_code: c,
          service_name: categoryLabel(c),
          description: categoryLabel(c),
          metadata: false,
          type: 'realtime',
          keywords: '',
          group: SERVICE_GROUP,
        })),
      )
    })

    router.post('/requests.json', needsWrite, async (req, res, next) => {
      const parsed = parseOpen311Request(req.body, HAZARD_CATEGORIES, req.get('idempotency-key'))
      if (!parsed.ok) return void res.status(400).json(parsed.problems.map((description) => ({ code: 400, description })))
      try {
        const id = await file(deps, principalOf(res), parsed.value)
        res.json([{ service_request_id: id, service_notice: null, account_id: null }])
      } catch (e) {
        if (!refused(res, e)) next(e)
      }
    })

    router.get('/requests/:id.json', async (req, res) => {
      const n = numberOf(String(req.params.id))
      const r = n ? await hazardInScope(deps.prisma, principalOf(res).unit, Number(n)) : null
      if (!r) return apiError(res, 404, `no request ${req.params.id} in this api_key's area`)
      res.json([toGeoReport(r, deps.mediaBaseUrl)])
    })

    router.get('/requests.json', async (req, res) => {
      const q = req.query as Record<string, unknown>
      const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : undefined)
      const startDate = str('start_date')
      const since = startDate ? new Date(startDate) : null
      const status = str('status')
      const take = Math.min(PAGE_MAX, Number(str('page_size') ?? 50))
      const afterId = Number(str('after') ?? 0)
      if ((since && Number.isNaN(since.getTime())) || (status && !['open', 'closed'].includes(status)) || !(take > 0) || !(afterId >= 0))
        return apiError(res, 400, 'start_date must be a date-time, status open or closed, page_size 1-200, after a number')
      const codes = str('service_code')?.split(',')
      const page = await hazardsInScope(deps.prisma, principalOf(res).unit, { since, afterId, take, open: status ? status === 'open' : undefined })
      const last = page[page.length - 1]
      if (page.length === take && last) res.set('Link', `<${OPEN311_PREFIX}/requests.json?after=${last.hazard.id}&page_size=${take}>; rel="next"`)
      res.json(page.filter((r) => !codes || codes.includes(r.hazard.category)).map((r) => toGeoReport(r, deps.mediaBaseUrl)))
    })
  }
}
