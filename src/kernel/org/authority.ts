// Who may act on an item of a unit: the org's authority rules, shared by every capability (table-tested in
// test/unit/authority.test.ts). A unit's materialized path is a prefix of its descendants' paths.
import type { Role } from './org.types.ts'

export interface Person {
  id: number
  role: Role
  unitId: number
  unit: { path: string }
}

/** The unit itself or one above it (a materialized path is a prefix of its descendants'). */
export const isAtOrAbove = (upper: { path: string }, unit: { path: string }) => unit.path.startsWith(upper.path)

export const isSupervisorOver = (m: Person, unit: { path: string }) => (m.role === 'supervisor' || m.role === 'admin') && isAtOrAbove(m.unit, unit)

/** Records of a unit are visible to the unit and its ancestors. */
export const maySee = (m: Person, unit: { path: string }) => isAtOrAbove(m.unit, unit)
