// Projects (领题攻坚) and 六个一 records as the domain sees them (the repository's rows satisfy these).
export type ProjectStatus = 'open' | 'claimed' | 'done' | 'cancelled'
export type ItemKind = 'need' | 'task' | 'resource'

export interface Project {
  id: number
  districtId: number
  number: number
  unitId: number
  roomId: number
  title: string
  status: ProjectStatus
  creatorId: number
  holderId: number | null
  /** Handed down from a unit above (#项目 … @单位): where it came from (null when made in its own unit). */
  assignedFromUnitId: number | null
  assignedFromRoomId: number | null
  summary: string | null
  createdAt: Date
  claimedAt: Date | null
  closedAt: Date | null
  escalationCycle: number
  escalationLevel: number
  escalationBase: Date | null
  lastEscalatedAt: Date | null
  nextEscalationAt: Date | null
  escalatedRoomIds: number[]
}

export interface ProjectEvent {
  at: Date
  kind: string
  actorId: number | null
  fromStatus: ProjectStatus | null
  toStatus: ProjectStatus | null
  level: number | null
  note: string | null
}

/** A task as a project counts it (linked, or made from a linked need). */
export interface ProjectTask {
  id: number
  number: number
  title: string
  status: 'open' | 'claimed' | 'done' | 'cancelled'
  needId: number | null
  /** Owns the title's personal data. */
  unitId: number
}

/** A need as a project counts it. */
export interface ProjectNeed {
  id: number
  number: number
  description: string
  status: 'open' | 'converted' | 'closed'
  taskId: number | null
  unitId: number
}

/** An item reference as typed: N4, T9, R2. */
export interface ItemRef {
  kind: ItemKind
  number: number
  label: string
}
