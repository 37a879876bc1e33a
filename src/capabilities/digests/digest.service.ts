// Digests (日报 · 周报 · 月报): the counts of a unit's subtree for a period, gathered with one grouped query per kind
// of record and folded into the unit's direct children (grandchildren only counted). Problems are as they stood at
// the end of the period (or now, for a period not over yet).
import type { BoundRoom, Unit } from '../../kernel/org/org.types.ts'
import { imageToRoom } from '../../kernel/org/room-message.ts'
import { jobId } from '../../core/ids.ts'
import type { MediaStore } from '../../core/ports.ts'
import { funnelFor } from '../projects/funnel.service.ts'
import type { Work } from '../../kernel/work.ts'
import { childOf, digestText, emptyChild } from './digest-rules.ts'
import { digestRepo } from './digest.repo.ts'
import { digestChartPng } from './digest-chart.ts'
import type { DigestChild, DigestCounts, DigestPeriod } from './digest.types.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { forReports } from '../../db/read-replica.ts'

/** The unit's direct children, each with its counts (the root's own records count as "own"), and the slot of every
 *  unit of the subtree: the child it folds into. */
function childSlots(unit: Unit, units: { id: number; name: string; kind: string; path: string }[]) {
  const children = new Map<number, DigestChild>()
  for (const u of units) if (childOf(unit.path, u.path) === u.id) children.set(u.id, emptyChild(u.name, u.kind === 'grid'))
  const own = emptyChild(unit.name, unit.kind === 'grid')
  const slotOf = new Map<number, DigestChild>()
  for (const u of units) {
    const c = childOf(unit.path, u.path)
    slotOf.set(u.id, (c !== null ? children.get(c) : undefined) ?? own)
  }
  return { children, own, slot: (unitId: number) => slotOf.get(unitId) ?? own }
}

export async function digestFor(w: Work, unit: Unit, period: DigestPeriod, opts: { late?: boolean } = {}): Promise<DigestCounts> {
  // The counts read from the replica when DATABASE_READ_URL is set (read-replica.ts).
  const db = forReports(w.db)
  const { from, to } = period
  const asOf = new Date(Math.min(w.now.getTime(), to.getTime()))
  const units = await digestRepo.subtree(db, unit.path)
  const ids = units.map((u) => u.id)
  const { children, own, slot } = childSlots(unit, units)
  const gridIds = units.filter((u) => u.kind === 'grid').map((u) => u.id)

  const [checkins, active, tasks, reported, handled, hours, notices, noticesSent, funnel, activities] = await Promise.all([
    digestRepo.checkins(db, ids, from, to),
    gridIds.length ? digestRepo.activeGrids(db, gridIds, asOf) : Promise.resolve([]),
    digestRepo.tasks(db, ids, from, to, asOf),
    digestRepo.hazardsReported(db, ids, from, to),
    digestRepo.hazardsHandled(db, ids, from, to, asOf),
    digestRepo.hours(db, ids, from, to, asOf),
    digestRepo.notices(db, ids, from, to, asOf),
    digestRepo.noticesSent(db, ids, from, to),
    funnelFor(w, unit, period, ids),
    digestRepo.activities(db, ids, from, to),
  ])

  const c: DigestCounts = {
    unitName: unit.name,
    period,
    late: opts.late ?? false,
    children: [...children.values()],
    own,
    checkinsByType: {},
    checkinKinds: (await unitContext(w.db, unit)).policy.checkinKinds,
    households: 0,
    tasks: { opened: 0, claimed: 0, done: 0 },
    hazards: { reported: 0, resolved: 0 },
    hours: { approvedMinutes: 0, approvedEntries: 0 },
    notices: { sent: noticesSent, deliveries: 0, rooms: 0, onTime: 0 },
    funnel,
    activities,
  }
  const activeSet = new Set(active)
  for (const g of gridIds) if (!activeSet.has(g)) slot(g).silentGrids += 1
  fold(c, slot, { checkins, tasks, reported, handled, hours, notices })
  return c
}

type Rows = {
  checkins: Awaited<ReturnType<typeof digestRepo.checkins>>
  tasks: Awaited<ReturnType<typeof digestRepo.tasks>>
  reported: Awaited<ReturnType<typeof digestRepo.hazardsReported>>
  handled: Awaited<ReturnType<typeof digestRepo.hazardsHandled>>
  hours: Awaited<ReturnType<typeof digestRepo.hours>>
  notices: Awaited<ReturnType<typeof digestRepo.notices>>
}

/** Adds the grouped rows to the totals, and each unit's problems to the child it folds into. */
function fold(c: DigestCounts, slot: (unitId: number) => DigestChild, rows: Rows): void {
  for (const r of rows.checkins) {
    c.checkinsByType[r.type] = (c.checkinsByType[r.type] ?? 0) + r.n
    c.households += r.households
    slot(r.unitId).checkins += r.n
  }
  for (const r of rows.tasks) {
    c.tasks.opened += r.opened
    c.tasks.claimed += r.claimed
    c.tasks.done += r.done
    slot(r.unitId).overdueTasks.push(...(r.overdue ?? []))
  }
  for (const r of rows.reported) c.hazards.reported += r.n
  for (const r of rows.handled) {
    c.hazards.resolved += r.resolved
    slot(r.unitId).oldHazards.push(...(r.old ?? []))
  }
  for (const r of rows.hours) {
    c.hours.approvedEntries += r.approved
    c.hours.approvedMinutes += r.minutes
    slot(r.unitId).pendingHours += r.pending
  }
  for (const r of rows.notices) {
    c.notices.deliveries += r.deliveries
    c.notices.rooms += r.rooms
    c.notices.onTime += r.onTime
    slot(r.unitId).unackedNotices += r.unacked
  }
}

/** The digest's text and its chart (PNG; null when the unit has no child units), for a digest that is sent. */
export async function digestWithChart(
  w: Work,
  unit: Unit,
  period: DigestPeriod,
  opts: { late?: boolean } = {},
): Promise<{ text: string; chart: Buffer | null }> {
  const c = await digestFor(w, unit, period, opts)
  return { text: digestText(c), chart: await digestChartPng(c) }
}

/**
 * #日报 #周报 #月报: the digest's text (the caller replies with it) and its chart, kept in the media store under the
 * message's id and posted as an image into the room after the text.
 */
export async function digestOnDemand(w: Work, media: MediaStore, room: BoundRoom, period: DigestPeriod, messageId: string): Promise<string> {
  const d = await digestWithChart(w, room.unit, period)
  if (d.chart) {
    const ref = await media.put(`charts/${room.id}-${messageId}.png`, d.chart)
    w.effects.post(imageToRoom(room, ref), jobId('digest-chart', room.accountId, messageId))
  }
  return d.text
}
