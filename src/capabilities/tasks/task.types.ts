// Tasks and needs as the domain sees them (the repository's rows satisfy these).
export type TaskStatus = 'open' | 'claimed' | 'done' | 'cancelled'
export type Priority = 'normal' | 'urgent'
export type NeedStatus = 'pending' | 'open' | 'converted' | 'closed'

export interface Task {
  id: number
  districtId: number
  number: number
  unitId: number
  roomId: number
  title: string
  priority: Priority
  status: TaskStatus
  deadline: Date | null
  creatorId: number
  holderId: number | null
  needId: number | null
  /** Handed down from a unit above: where it came from (null when made in its own unit). */
  assignedFromUnitId: number | null
  assignedFromRoomId: number | null
  result: string | null
  createdAt: Date
  closedAt: Date | null
  escalationCycle: number
  escalationKind: string | null
  escalationLevel: number
  escalationBase: Date | null
  lastEscalatedAt: Date | null
  nextEscalationAt: Date | null
  escalatedRoomIds: number[]
  remindersSent: number
  nextReminderAt: Date | null
}

export interface Need {
  id: number
  number: number
  unitId: number
  roomId: number
  /** A resident's need: their contact id and shown name (null for a member's). */
  reporterWxid: string | null
  reporterName: string | null
  description: string
  status: NeedStatus
  createdAt: Date
  /** Null for a resident's need. */
  reporterId: number | null
  /** Its clock (need-clock.service.ts): the same fields tasks climb with. */
  escalationCycle: number
  escalationLevel: number
  escalationBase: Date | null
  lastEscalatedAt: Date | null
  nextEscalationAt: Date | null
  escalatedRoomIds: number[]
}

export interface TaskEvent {
  at: Date
  kind: string
  actorId: number | null
  fromStatus: TaskStatus | null
  toStatus: TaskStatus | null
  level: number | null
  note: string | null
}
