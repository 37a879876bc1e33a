// The org tree as the rest of gridbot sees it: our own types, not the generated Prisma rows (repositories
// return rows that satisfy these structurally, so nothing outside db/ and *.repo.ts imports the generated client).
import { roleLabelTexts } from '../texts/org.texts.ts'

/** `city`: 团市委, above the districts of a city file (issue #26); it numbers its own records as a district does. */
export type UnitKind = 'city' | 'district' | 'town' | 'community' | 'grid'
export type Role = 'admin' | 'supervisor' | 'grid_cadre' | 'volunteer'

export interface Unit {
  id: number
  districtId: number | null
  name: string
  kind: UnitKind
  parentId: number | null
  /** Materialized path of ids ("/1/4/17/"): a subtree is a prefix match. */
  path: string
  depth: number
  /** The unit's own policy block as the org import stored it. */
  policy: unknown
}

export interface Room {
  id: number
  /** The stable WeChat room id; null until the room is bound. */
  wxRoomId: string | null
  topic: string
  unitId: number
  accountId: string
}

export interface Member {
  id: number
  /** The stable WeChat contact id: the only key authorization uses. */
  wxid: string
  name: string
  unitId: number
  role: Role
  teams: string[]
  active: boolean
}

/** A room bound to its unit: what every command in a group runs against. */
export type BoundRoom = Room & { unit: Unit }
export type MemberWithUnit = Member & { unit: Unit }

export const ROLE_LABEL: Record<Role, string> = roleLabelTexts

/** The district a unit belongs to (a district row is its own; a city row is its own too: its own records' numbers). */
export const districtOf = (u: Pick<Unit, 'id' | 'districtId'>): number => u.districtId ?? u.id
