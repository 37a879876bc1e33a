// The read API for dashboards (issue #28), JSON, scoped by the key's unit (narrowed with `?unit=<name>` inside it):
// today's check-ins per unit, open tasks / hazards / needs with their escalation level, notices with their
// acknowledgement rates, a digest's counts (funnel included) and the children ranked by them. Read through the
// board's and the digests' own queries; texts of records owned below the asked unit are masked as the board masks them.
import type { Request, Response, Router } from 'express'
import { Effects } from '../../core/effects.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { unitNamedUnder } from '../../kernel/org/org.service.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { todayReport } from '../../capabilities/checkins/checkin.service.ts'
import { boardRepo } from '../../capabilities/console/board.repo.ts'
import { dayPeriod, monthDigestPeriod, weekPeriod } from '../../capabilities/digests/digest-rules.ts'
import { digestFor } from '../../capabilities/digests/digest.service.ts'
import { listRepo } from '../../capabilities/tasks/list.repo.ts'
import { apiError, principalOf } from './api-auth.ts'
import type { WorkDeps } from './open311-routes.ts'

export const READ_PREFIX = '/api/v1'
const MAX_PAGE_SIZE = 100
/** Open records read at most (pages are cut from these). */
const MAX_OPEN = 1_000
const NOTICE_DAYS = 7

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** The unit asked for: the key's own, or one named inside its subtree (null: answered with an error). */
async function unitOf(deps: WorkDeps, req: Request, res: Response): Promise<Unit | null> {
  const scope = principalOf(res).unit
  const name = typeof req.query.unit === 'string' ? req.query.unit : null
  if (!name) return scope
  // A city's key (issue #26) names a unit of any of its districts.
  const u = name === scope.name ? scope : await unitNamedUnder(deps.prisma, scope, name)
  if (!u?.path.startsWith(scope.path)) {
    apiError(res, 403, `unit ${name} is not inside this api_key's unit`)
    return null
  }
  return u
}

/** In a city's answer (issue #26) a record's id is one of its district's: the row names that district. */
const districtField = (scope: Unit, names: Map<number, string>, districtId: number) => (scope.kind === 'city' ? { district: names.get(districtId) ?? '' } : {})

function pageOf(req: Request): { page: number; size: number } | null {
  const page = Number(req.query.page ?? 1)
  const size = Number(req.query.page_size ?? 20)
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) return null
  return { page, size }
}

/** A page of `items` (all the open records read), with where the next one is. */
function paged<T>(res: Response, items: T[], p: { page: number; size: number }) {
  const from = (p.page - 1) * p.size
  res.json({
    items: items.slice(from, from + p.size),
    page: p.page,
    page_size: p.size,
    total: items.length,
    next_page: from + p.size < items.length ? p.page + 1 : null,
  })
}

/** A route answering for one unit, with a page when `paginated`. */
const handler =
  (deps: WorkDeps, run: (unit: Unit, req: Request, res: Response, page: { page: number; size: number }) => Promise<void>) =>
  async (req: Request, res: Response) => {
    const page = pageOf(req)
    if (!page) return apiError(res, 400, `page must be 1 or more, page_size 1 to ${MAX_PAGE_SIZE}`)
    const unit = await unitOf(deps, req, res)
    if (unit) await run(unit, req, res, page)
  }

function digestPeriod(word: unknown, now: Date) {
  if (word === undefined || word === 'day') return dayPeriod(now)
  if (word === 'week') return weekPeriod(now)
  if (word === 'month') return monthDigestPeriod(now)
  return null
}

// Long because it is the route table: seven short handlers, one per dashboard view, read top to bottom.
export function readRoutes(deps: WorkDeps) {
  const ids = async (unit: Unit) => (await orgRepo.subtree(deps.prisma, unit)).map((u) => u.id)
  const names = async (unit: Unit) => new Map((await orgRepo.subtree(deps.prisma, unit)).map((u) => [u.id, u.name]))
  const work = () => ({ db: deps.prisma, effects: new Effects(), now: deps.clock.now() })
  // Long because it is the route table (above).
  return (router: Router) => {
    router.get(
      '/checkins/today',
      handler(deps, async (unit, _req, res) => {
        const r = await todayReport(work(), unit)
        if (r.kind === 'list')
          return void res.json({
            unit: unit.name,
            units: [{ unit: unit.name, count: r.total, households: r.items.reduce((s, i) => s + (i.households ?? 0), 0) }],
          })
        res.json({ unit: unit.name, own: r.own, units: r.rows.map((x) => ({ unit: x.unit.name, count: x.count, households: x.households })) })
      }),
    )
    router.get(
      '/tasks',
      handler(deps, async (unit, _req, res, page) => {
        const [list, name] = await Promise.all([ids(unit).then((i) => boardRepo.openTasks(deps.prisma, i, MAX_OPEN)), names(unit)])
        const items = list.map((t) => ({
          id: `T${t.number}`,
          ...districtField(unit, name, t.districtId),
          unit: name.get(t.unitId) ?? '',
          title: textFor(unit.id, t.unitId, t.title),
          status: t.status,
          urgent: t.priority === 'urgent',
          escalation_level: t.escalationLevel,
          created_at: iso(t.createdAt),
          next_escalation_at: iso(t.nextEscalationAt),
        }))
        paged(res, items, page)
      }),
    )
    router.get(
      '/hazards',
      handler(deps, async (unit, _req, res, page) => {
        const [list, name] = await Promise.all([ids(unit).then((i) => boardRepo.openHazards(deps.prisma, i, MAX_OPEN)), names(unit)])
        const items = list.map((h) => ({
          id: `H${h.number}`,
          ...districtField(unit, name, h.districtId),
          unit: name.get(h.unitId) ?? '',
          category: h.category,
          description: textFor(unit.id, h.reportUnitId, h.description),
          status: h.status,
          urgent: h.priority === 'urgent',
          escalation_level: h.escalationLevel,
          created_at: iso(h.createdAt),
          next_escalation_at: iso(h.nextEscalationAt),
        }))
        paged(res, items, page)
      }),
    )
    router.get(
      '/needs',
      handler(deps, async (unit, _req, res, page) => {
        const units = await orgRepo.subtree(deps.prisma, unit)
        const names = new Map(units.map((u) => [u.id, u.name]))
        const needs = await listRepo.openNeeds(
          deps.prisma,
          units.map((u) => u.id),
          MAX_OPEN,
        )
        const items = needs.map((n) => ({
          id: `N${n.number}`,
          ...districtField(unit, names, n.districtId),
          unit: names.get(n.unitId) ?? '',
          description: textFor(unit.id, n.unitId, n.description),
          status: n.status,
          created_at: iso(n.createdAt),
        }))
        paged(res, items, page)
      }),
    )
    router.get(
      '/notices',
      handler(deps, async (unit, _req, res, page) => {
        const unitNames = await names(unit)
        const unitIds = [...unitNames.keys()]
        const inScope = new Set(unitIds)
        const since = new Date(deps.clock.now().getTime() - NOTICE_DAYS * 86_400_000)
        const list = await boardRepo.recentNotices(deps.prisma, unitIds, since, MAX_OPEN)
        const items = list.map((n) => {
          const mine = n.deliveries.filter((d) => inScope.has(d.unitId))
          const acked = mine.filter((d) => d.ackAt !== null).length
          return {
            id: `B${n.number}`,
            ...districtField(unit, unitNames, n.districtId),
            urgent: n.priority === 'urgent',
            text: textFor(unit.id, n.unitId, n.text),
            sent_at: iso(n.createdAt),
            sla_at: iso(n.slaAt),
            deliveries: mine.length,
            acknowledged: acked,
            ack_rate: mine.length ? acked / mine.length : null,
          }
        })
        paged(res, items, page)
      }),
    )
    router.get(
      '/digest',
      handler(deps, async (unit, req, res) => {
        const period = digestPeriod(req.query.period, deps.clock.now())
        if (!period) return apiError(res, 400, 'period must be day, week or month')
        const { unitName, period: _, ...counts } = await digestFor(work(), unit, period)
        res.json({ unit: unitName, period: { kind: period.kind, from: iso(period.from), to: iso(period.to) }, ...counts })
      }),
    )
    router.get(
      '/rankings',
      handler(deps, async (unit, req, res, page) => {
        const period = digestPeriod(req.query.period ?? 'month', deps.clock.now())
        if (!period) return apiError(res, 400, 'period must be day, week or month')
        const d = await digestFor(work(), unit, period)
        const score = (c: (typeof d.children)[number]) =>
          c.checkins - 5 * c.overdueTasks.length - 5 * c.oldHazards.length - 3 * c.unackedNotices - 2 * c.silentGrids
        const items = [...d.children]
          .sort((a, b) => score(b) - score(a))
          .map((c, i) => ({
            rank: i + 1,
            // A city's children are its districts: the row names its own.
            ...(unit.kind === 'city' ? { district: c.name } : {}),
            unit: c.name,
            score: score(c),
            checkins: c.checkins,
            overdue_tasks: c.overdueTasks.length,
            old_hazards: c.oldHazards.length,
            unacked_notices: c.unackedNotices,
            silent_grids: c.silentGrids,
          }))
        paged(res, items, page)
      }),
    )
  }
}
