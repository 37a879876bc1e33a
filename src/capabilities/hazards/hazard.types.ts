// Hazard reports as the rest of gridbot sees them (repositories return rows that satisfy these structurally).

export type HazardStatus = 'pending_duplicate' | 'screening' | 'reported' | 'acknowledged' | 'in_progress' | 'resolved' | 'verified' | 'reopened' | 'merged'

export type HazardCategory = 'fire' | 'electrical' | 'gas' | 'traffic' | 'building' | 'public_order' | 'environment' | 'other'

export interface Hazard {
  id: number
  districtId: number
  number: number
  reportUnitId: number
  reportRoomId: number
  unitId: number
  targetUnitId: number
  category: string
  description: string
  priority: 'normal' | 'urgent'
  status: HazardStatus
  reporterMemberId: number | null
  reporterWxid: string
  reporterName: string
  latitude: number | null
  longitude: number | null
  address: string | null
  reportCount: number
  suspectedDuplicateId: number | null
  mergedIntoId: number | null
  resolverId: number | null
  result: string | null
  verifiedHow: string | null
  accountId: string
  messageId: string
  createdAt: Date
  updatedAt: Date
  acknowledgedAt: Date | null
  resolvedAt: Date | null
  closedAt: Date | null
  escalationCycle: number
  escalationLevel: number
  escalationBase: Date | null
  lastEscalatedAt: Date | null
  nextEscalationAt: Date | null
  escalatedRoomIds: number[]
  verifyStep: number
  nextVerifyAt: Date | null
  nextDuplicateAt: Date | null
}

export interface HazardEvent {
  id: number
  hazardId: number
  at: Date
  kind: string
  actorId: number | null
  actorWxid: string | null
  roomId: number | null
  fromStatus: HazardStatus | null
  toStatus: HazardStatus | null
  level: number | null
  note: string | null
}

export interface HazardSubscriber {
  hazardId: number
  wxid: string
  roomId: number
  name: string
}

/** Still being dealt with (duplicates are checked against these). */
export const OPEN_STATUSES: HazardStatus[] = ['screening', 'reported', 'acknowledged', 'in_progress', 'resolved', 'reopened']
/** What a new report may repeat: open and not yet resolved (a resolved one reported again is news, not a repeat). */
export const MERGEABLE_INTO: HazardStatus[] = ['screening', 'reported', 'acknowledged', 'in_progress', 'reopened']
/** Waiting for someone to take it on: these climb the tree (a reopened report too, until someone picks it up). */
export const UNACKNOWLEDGED: HazardStatus[] = ['screening', 'reported', 'reopened']
