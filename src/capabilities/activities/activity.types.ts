// Activities as the rest of gridbot sees them: our own types (the repository's rows satisfy them structurally).
export type ActivityStatus = 'open' | 'closed' | 'cancelled'
export type SignupStatus = 'signed' | 'waiting' | 'cancelled'

export interface Activity {
  id: number
  districtId: number
  number: number
  unitId: number
  roomId: number
  organiserId: number
  name: string
  kind: string
  team: string | null
  place: string | null
  capacity: number | null
  startsAt: Date
  endsAt: Date
  targetUnitId: number | null
  residentsAllowed: boolean
  status: string
  remindStep: number
  nextRemindAt: Date | null
  minutes: number | null
  summary: string | null
  closedAt: Date | null
  seriesId: number | null
  occurrenceAt: Date | null
  latitude: number | null
  longitude: number | null
  createdAt: Date
}

export interface Signup {
  id: number
  activityId: number
  wxid: string
  name: string
  memberId: number | null
  roomId: number
  unitId: number
  status: string
  createdAt: Date
  cancelledAt: Date | null
  attendedAt: Date | null
  walkIn: boolean
  checkinAt: Date | null
  distanceM: number | null
  photoAt: Date | null
  late: boolean
}

/** A sign-in waits this long for the location or photo the policy asks; the organiser's location after creating it too. */
export const EVIDENCE_WINDOW_MS = 5 * 60_000

/** Outbox keys of activity posts start with this. */
export const ACTIVITY_KEY = 'activity'
/** The timer kind of reminders. */
export const REMIND_TIMER = 'activity_remind'
/** The timer kind of a recurring activity's occurrences. */
export const SERIES_TIMER = 'activity_series'
