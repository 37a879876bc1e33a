// Hazards for the open API (issue #28): a report filed from outside (a hotline, a platform) as a resident's report
// in the grid that owns it, and reports read back one at a time or a page at a time, as the export maps them.
import { must } from '../../core/must.ts'
import { districtOf, type BoundRoom, type Unit } from '../../kernel/org/org.types.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Work } from '../../kernel/work.ts'
import { CATEGORY_LABEL } from './hazard-categories.ts'
import type { ExportRecord } from './hazard-export.ts'
import { hazardRepo } from './hazard.repo.ts'
import { attachHazardLocation, reportHazard } from './hazard.service.ts'
import type { Hazard, HazardCategory } from './hazard.types.ts'

export const HAZARD_CATEGORIES = Object.keys(CATEGORY_LABEL) as HazardCategory[]

export interface OutsideReport {
  /** The grid's group it is reported in (as a resident would). */
  room: BoundRoom
  /** Who filed it, as the record names its reporter ('12345热线'), and a stable id for it. */
  reporter: { id: string; name: string }
  description: string
  category: HazardCategory
  location: { latitude: number; longitude: number; address: string } | null
  /** Unique per request: the keys of its posts. */
  key: string
}

/** Records and routes a report from outside, as a resident's in `room`; its location attached at once. */
export async function reportFromOutside(w: Work, r: OutsideReport): Promise<Hazard> {
  const op = { ...w, wxid: r.reporter.id, name: r.reporter.name, member: null, room: r.room, accountId: `open311:${r.room.accountId}`, messageId: r.key }
  const outcome = await reportHazard(op, { description: r.description, category: r.category, urgent: false })
  if (r.location) await attachHazardLocation(w, { wxid: r.reporter.id, memberId: null, room: r.room }, r.location, r.key)
  return must(await hazardRepo.byId(w.db, outcome.hazard.id), 'HAZARD_MISSING')
}

async function record(db: Work['db'], h: Hazard & { events: ExportRecord['hazard']['events'] }): Promise<ExportRecord> {
  const [unit, reportUnit, media] = await Promise.all([orgRepo.unitById(db, h.unitId), orgRepo.unitById(db, h.reportUnitId), hazardRepo.media(db, h.id)])
  return { hazard: h, handlingUnit: unit?.name ?? '', reportUnit: reportUnit?.name ?? '', images: media.map((m) => m.path) }
}

/** A report of `scope`'s district by its number, if it was reported in or is handled by `scope`'s subtree. */
export async function hazardInScope(db: Work['db'], scope: Unit, number: number): Promise<ExportRecord | null> {
  const h = await hazardRepo.byNumber(db, districtOf(scope), number)
  if (!h || h.status === 'pending_duplicate') return null
  const r = await record(db, { ...h, events: await hazardRepo.events(db, h.id) })
  const units = await orgRepo.unitPaths(db, [h.unitId, h.reportUnitId])
  return units.some((u) => u.path.startsWith(scope.path)) ? r : null
}

/** Reports of `scope`'s subtree since `since`, after id `afterId`, at most `take` (the export's pages, filtered). */
export async function hazardsInScope(db: Work['db'], scope: Unit, o: { since: Date | null; afterId: number; take: number; open?: boolean }) {
  const ids = new Set((await orgRepo.subtree(db, scope)).map((u) => u.id))
  const out: ExportRecord[] = []
  let afterId = o.afterId
  while (out.length < o.take) {
    const page = await hazardRepo.exportPage(db, districtOf(scope), o.since, afterId, 500)
    const last = page.at(-1)
    if (!last) break
    afterId = last.id
    for (const h of page) {
      if (!ids.has(h.unitId) && !ids.has(h.reportUnitId)) continue
      if (o.open !== undefined && o.open === ['verified', 'merged'].includes(h.status)) continue
      out.push(await record(db, h))
      if (out.length === o.take) break
    }
  }
  return out
}
