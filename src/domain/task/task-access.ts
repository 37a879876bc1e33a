// Who may do what to a task, from the org tree: stable ids and unit paths, never names.
import type { Member, Unit } from '../../db/generated/client.ts'

type Person = Pick<Member, 'id' | 'role' | 'unitId'> & { unit: Pick<Unit, 'path'> }

/** The unit itself or one above it (a materialized path is a prefix of its descendants'). */
export const isAtOrAbove = (upper: Pick<Unit, 'path'>, unit: Pick<Unit, 'path'>) => unit.path.startsWith(upper.path)

export const isSupervisorOver = (m: Person, unit: Pick<Unit, 'path'>) => (m.role === 'supervisor' || m.role === 'admin') && isAtOrAbove(m.unit, unit)

/** Cadres of the task's own unit (supervisors above count too): they may claim it. */
export const mayClaim = (m: Person, unit: Pick<Unit, 'id' | 'path'>) =>
  (m.unitId === unit.id && (m.role === 'grid_cadre' || m.role === 'volunteer' || m.role === 'supervisor')) || isSupervisorOver(m, unit)

/** The holder, or a supervisor above the task's unit: progress, complete, abandon. */
export const mayWorkOn = (m: Person, task: { holderId: number | null }, unit: Pick<Unit, 'path'>) => task.holderId === m.id || isSupervisorOver(m, unit)

/** Records of a unit are visible to the unit and its ancestors. */
export const maySee = (m: Person, unit: Pick<Unit, 'path'>) => isAtOrAbove(m.unit, unit)

/** Creating tasks: cadres and supervisors (and admins), in a unit they belong to or lead. */
export const mayCreateIn = (m: Person, unit: Pick<Unit, 'id' | 'path'>) =>
  (m.role === 'grid_cadre' && m.unitId === unit.id) || isSupervisorOver(m, unit)
