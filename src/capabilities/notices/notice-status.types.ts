// What #通知 状态 answers, as data (notice-status.service.ts reads it; notice-status.texts.ts renders it).
import type { DeliveryStatus, StoredPlan } from './notice.types.ts'
import type { ChildTally, Tally } from './notice-tally.ts'

/** The notice the reply is about (its text already masked for the asking group) and its sending plan. */
export interface StatusHead {
  notice: { number: number; priority: string; createdAt: Date; slaAt: Date; text: string }
  plan: StoredPlan | null
}

/** One group: waiting for its account to come back, or its delivery's state. */
export type StatusRoomLine =
  | { topic: string; waitingFor: string }
  | {
      topic: string
      status: DeliveryStatus
      d: { sentAt: Date | null; ackAt: Date | null; ackByName: string | null; ackNote?: string | null; failReason: string | null }
    }

interface StatusSummary extends StatusHead {
  tally: Tally
  /** The unit named in the query ('' for the asking group's own). */
  scope: string
  /** Groups waiting on a down account: the first few topics, how many, and the accounts. */
  waiting: { topics: string[]; total: number; accounts: string[] } | null
}

export type NoticeStatusView =
  /** A notice to a dozen groups or fewer: one line per group. */
  | (StatusSummary & { kind: 'rooms'; rooms: StatusRoomLine[] })
  /** Larger: one line per direct child unit (`name` null: the base unit's own groups). */
  | (StatusSummary & { kind: 'children'; baseName: string; children: { name: string | null; tally: ChildTally }[] })
  /** 未确认: a page of the unacknowledged groups. */
  | (StatusHead & {
      kind: 'unacked'
      scope: string
      total: number
      page: number
      pages: number
      rooms: StatusRoomLine[]
      next: { unit: string | null; page: number } | null
    })
