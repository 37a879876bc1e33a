// What a digest (日报 · 周报 · 月报) says, as counts: our own types, filled by digest.service.ts from grouped queries and
// turned into text by the pure digest-rules.ts. Only counts, unit names and record numbers: nothing about residents.
import type { CheckinKind, CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'
import type { FunnelCounts } from '../../kernel/lists/funnel.ts'

export type DigestKind = 'daily' | 'weekly' | 'monthly'

export interface DigestPeriod {
  kind: DigestKind
  from: Date
  to: Date
  /** 11月22日, 11月16日至11月22日, 2026年11月. */
  label: string
}

/** One direct child of the digest's unit (its whole subtree folded in), or the unit itself ("本级"). */
export interface DigestChild {
  name: string
  /** The child is a grid itself (then "silent" means the grid; else how many grids under it). */
  isGrid: boolean
  /** Grids in this child's subtree with no check-in in the 3 days before the digest's moment. */
  silentGrids: number
  /** Numbers of tasks overdue at that moment (T…). */
  overdueTasks: number[]
  /** Rooms of this child that had not acknowledged a notice past its SLA (notices of the last 7 days). */
  unackedNotices: number
  /** Numbers of hazards open more than 48 h at that moment (H…), by the unit handling them. */
  oldHazards: number[]
  /** Volunteer entries waiting for approval at that moment. */
  pendingHours: number
  /** Check-ins in the period. */
  checkins: number
}

export interface DigestCounts {
  unitName: string
  period: DigestPeriod
  /** Sent late after downtime (补发). */
  late: boolean
  /** Direct children, in the org's order; `own` is what is recorded on the unit itself. */
  children: DigestChild[]
  own: DigestChild
  checkinsByType: Record<CheckinType, number>
  /** The kinds of the digest's unit (policy checkinKinds): their order and names. */
  checkinKinds?: readonly CheckinKind[]
  households: number
  tasks: { opened: number; claimed: number; done: number }
  hazards: { reported: number; resolved: number }
  hours: { approvedMinutes: number; approvedEntries: number }
  /** Deliveries are notice × group pairs; rooms, the groups they reached (a group is counted once). */
  notices: { sent: number; deliveries: number; rooms: number; onTime: number }
  funnel: FunnelCounts
  /** Activities starting in the period (#24); absent only once closed. */
  activities?: { held: number; attended: number; late: number; absent: number }
}
