// Points as the domain sees them (repository rows satisfy these structurally; no generated Prisma types here).
import type { EarnSource } from './points-rules.ts'

export type LedgerSource = EarnSource | 'redeem' | 'correction'
export type VolunteerStatus = 'pending' | 'approved' | 'rejected'

export interface LedgerEntry {
  id: number
  memberId: number
  unitId: number
  source: string
  ref: string
  /** Hundredths of a point: + earned, − spent or reversed. */
  centi: number
  reason: string | null
  reversesId: number | null
  at: Date
}

export interface VolunteerEntry {
  id: number
  districtId: number
  number: number
  memberId: number
  loggedById: number
  unitId: number
  roomId: number
  activity: string
  minutes: number
  day: Date
  status: VolunteerStatus
  flags: string[]
  reviewerId: number | null
  reason: string | null
  createdAt: Date
}

export interface CatalogueItem {
  id: number
  districtId: number
  unitId: number
  name: string
  centi: number
  stock: number
  supplied: number
  providerWxid: string | null
  providerName: string | null
  active: boolean
  /** Redeemed in any whole amount (泽古): one code worth the amount. */
  currency: boolean
}

export interface Redemption {
  id: number
  code: string
  itemId: number
  memberId: number
  centi: number
  /** Units of a currency item this code is worth (1 otherwise). */
  amount: number
  status: 'issued' | 'used'
  createdAt: Date
  usedAt: Date | null
}

/** One line of a ranking: who (a member or a unit) and their points in the period, in hundredths. */
export interface RankRow {
  id: number
  name: string
  centi: number
  rank: number
}
