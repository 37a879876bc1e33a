// Notices as the rest of gridbot sees them: our own types (the repository's rows satisfy them structurally).
export type NoticeScope = 'subtree' | 'grids'
export type DeliveryStatus = 'queued' | 'sent' | 'failed' | 'acknowledged'
export type Priority = 'normal' | 'urgent'

export interface Notice {
  id: number
  districtId: number
  number: number
  unitId: number
  roomId: number
  senderId: number
  targetUnitId: number
  scope: NoticeScope
  text: string
  priority: Priority
  createdAt: Date
  slaAt: Date
  plan: unknown
  scheduleId: number | null
  occurrenceAt: Date | null
  /** The last timer step taken (-1: none yet); EscalationState's name, as on tasks, projects and hazards. */
  escalationLevel: number
  nextEscalationAt: Date | null
  /** Re-@ and parent summaries when unacknowledged (urgent or 需确认 by default); false: delivery tracked only. */
  chase: boolean
}

export interface NoticeDelivery {
  noticeId: number
  roomId: number
  unitId: number
  accountId: string
  outboxKey: string
  status: DeliveryStatus
  queuedAt: Date
  sentAt: Date | null
  failedAt: Date | null
  failReason: string | null
  ackAt: Date | null
  ackById: number | null
  ackByName: string | null
}

export interface NoticeSchedule {
  id: number
  districtId: number
  number: number
  unitId: number
  roomId: number
  creatorId: number
  targetUnitId: number
  scope: NoticeScope
  text: string
  priority: Priority
  phrase: string
  cron: string | null
  nextAt: Date | null
  active: boolean
  createdAt: Date
}

/** What a notice is: its words and where it goes (a command's or a schedule's). */
export interface NoticeDraft {
  text: string
  urgent: boolean
  scope: NoticeScope
  /** A unit named with @ (its subtree); null: the sending room's unit. */
  target: string | null
  /** Marked 需确认: the post asks for 收到 and unacknowledged groups are chased (urgent ones are by default). */
  confirm?: boolean
  /** The post's last line instead of the reply line (another capability's post through the fan-out, e.g. a 招募令
   *  saying how to sign up, where "无需回复" would mislead). */
  footer?: string
}

/** The plan as stored on the notice and shown again by #通知 状态. */
export interface StoredPlan {
  rooms: number
  accounts: { id: string; rooms: number; estimateMs: number }[]
  estimateMs: number
  slaMs: number
  shortfallMs: number
  accountsNeeded: number
  waiting: number
  /** Issue #23: the groups that wait on a down account (the first few topics) and those accounts. */
  waitingRooms?: string[]
  downAccounts?: string[]
}

/** Why notices say no (tests assert the code; the reply is noticeTexts'). */
export type NoticeRefusalCode =
  | 'NOTICE_DENIED'
  | 'NOTICE_NOT_BELOW'
  | 'NOTICE_NOT_FOUND'
  | 'NOTICE_NOT_VISIBLE'
  | 'NOTICE_NO_ROOMS'
  | 'NOTICE_NO_UNIT'
  | 'NOTICE_SCHEDULE_NEVER'
  | 'SCHEDULE_INACTIVE'
  | 'SCHEDULE_NOT_FOUND'
  | 'SCHEDULE_NOT_YOURS'

/** Steps of a notice's timers (a job's `step`; Notice.escalationLevel is the last one taken, -1 before the first). */
export const STEP_SLA = 0
export const STEP_ESCALATE = 1
/** The last step: a notice at this level has nothing more due (escalated, or no escalation needed). */
export const LEVEL_DONE = STEP_ESCALATE
