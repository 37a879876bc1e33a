// The summary and status planners (issue #23), pure: a notice's deliveries counted per direct child unit of the unit
// that asks (one line per child at any scale, unacknowledged children first), the unacknowledged groups paged, the
// groups waiting on a down account, and the unacknowledged units grouped by the parent that gets their one summary.
// Table-tested in test/unit/notice-tally.test.ts.
import type { DeliveryStatus } from './notice.types.ts'

/** One delivery as the planners see it: its group, the group's unit (path "/1/4/17/") and whether it waits. */
export interface TallyRow {
  roomId: number
  topic: string
  unitId: number
  unitPath: string
  status: DeliveryStatus
  /** Not yet sent and its account is down (logged out, disconnected …): it waits for the account. */
  waiting: boolean
}

export interface Tally {
  rooms: number
  acknowledged: number
  sent: number
  queued: number
  failed: number
  waiting: number
}

export interface ChildTally extends Tally {
  /** The direct child of the base unit the rows are under; null: the base unit's own groups. */
  unitId: number | null
}

export const emptyTally = (): Tally => ({ rooms: 0, acknowledged: 0, sent: 0, queued: 0, failed: 0, waiting: 0 })

export function addTo(t: Tally, r: Pick<TallyRow, 'status' | 'waiting'>): Tally {
  t.rooms++
  t[r.status]++
  if (r.waiting) t.waiting++
  return t
}

/** Rows in the subtree of the unit with this path (its own groups included). */
export const within = <T extends Pick<TallyRow, 'unitPath'>>(rows: T[], basePath: string) => rows.filter((r) => r.unitPath.startsWith(basePath))

/** The direct child of the base (by path) a row's unit is in; null for the base's own groups. */
export function childOf(unitPath: string, basePath: string): number | null {
  const rest = unitPath.slice(basePath.length).split('/')[0]
  return rest ? Number(rest) : null
}

/** Per direct child of the base: unacknowledged children first (most unacknowledged first), then by unit id. */
export function tallyByChild(rows: TallyRow[], basePath: string): ChildTally[] {
  const by = new Map<number | null, ChildTally>()
  for (const r of within(rows, basePath)) {
    const id = childOf(r.unitPath, basePath)
    let t = by.get(id)
    if (!t) by.set(id, (t = { unitId: id, ...emptyTally() }))
    addTo(t, r)
  }
  const open = (t: Tally) => t.rooms - t.acknowledged
  return [...by.values()].sort((a, b) => open(b) - open(a) || (a.unitId ?? -1) - (b.unitId ?? -1))
}

export function totals(rows: Pick<TallyRow, 'status' | 'waiting'>[]): Tally {
  return rows.reduce(addTo, emptyTally())
}

const RANK: Record<DeliveryStatus, number> = { failed: 0, queued: 1, sent: 2, acknowledged: 3 }

/** The unacknowledged groups (waiting and failed first, then in the org file's order), one page of `size`; pages count from 1. */
export function unacknowledgedPage<T extends TallyRow>(rows: T[], page: number, size: number): { rows: T[]; page: number; pages: number; total: number } {
  const open = rows
    .filter((r) => r.status !== 'acknowledged')
    .sort((a, b) => Number(b.waiting) - Number(a.waiting) || RANK[a.status] - RANK[b.status] || a.roomId - b.roomId)
  const pages = Math.max(1, Math.ceil(open.length / size))
  const p = Math.min(Math.max(1, page), pages)
  return { rows: open.slice((p - 1) * size, p * size), page: p, pages, total: open.length }
}

/** Lines that fit in `limit` characters after `head` (joined by newlines); the rest counted for a "…另有 N" line. */
export function fitLines(head: string[], lines: string[], limit: number, more: (n: number) => string): string[] {
  const out = [...head]
  let used = head.join('\n').length
  for (const [i, l] of lines.entries()) {
    const left = lines.length - i - 1
    const tail = left ? more(left).length + 1 : 0
    if (used + 1 + l.length + tail > limit) {
      out.push(more(lines.length - i))
      return out
    }
    out.push(l)
    used += 1 + l.length
  }
  return out
}

/** Unacknowledged units by the parent unit that is told about them (one summary per parent): names in order given. */
export function byParent(open: { unitName: string; parentId: number | null }[]): Map<number, string[]> {
  const out = new Map<number, string[]>()
  for (const u of open) {
    if (u.parentId === null) continue
    let names = out.get(u.parentId)
    if (!names) out.set(u.parentId, (names = []))
    if (!names.includes(u.unitName)) names.push(u.unitName)
  }
  return out
}

/** Account states in which an account sends nothing (the gateway's last report): its groups wait for it. */
const DOWN = new Set(['logged_out', 'disconnected', 'failed_auth', 'stopped'])
export const isDown = (state: string | null | undefined) => !!state && DOWN.has(state)
