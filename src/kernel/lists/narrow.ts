// Narrowing a subtree list to one unit by the name people type ("华府社区5号网格", or a tail of it: "5号网格"):
// an exact name first, then the one unit whose name ends with the word, then the one whose name contains it.
import { must } from '../../core/must.ts'
import { AppError } from '../../core/errors.ts'
import type { Unit } from '../org/org.types.ts'
import { listTexts } from './list.texts.ts'

const MAX_NAMED = 5

export function findUnitIn<U extends Pick<Unit, 'id' | 'name' | 'path'>>(units: U[], word: string, a: { scopeName: string; example: string }): U {
  const exact = units.filter((u) => u.name === word)
  if (exact.length === 1 && exact[0]) return exact[0]
  for (const match of [(u: U) => u.name.endsWith(word), (u: U) => u.name.includes(word)]) {
    const found = units.filter(match)
    if (found.length === 1 && found[0]) return found[0]
    if (found.length > 1) {
      throw new AppError(
        'LIST_UNIT_AMBIGUOUS',
        `list unit word matches ${found.length} units`,
        listTexts.ambiguousUnit(
          word,
          found.slice(0, MAX_NAMED).map((u) => u.name),
        ),
      )
    }
  }
  throw new AppError('LIST_UNIT_UNKNOWN', 'list unit word matches no unit of the subtree', listTexts.noSuchUnit(word, a.scopeName, a.example))
}

/** The units of `all` at or under `unit` (a subtree is a path prefix). */
export const under = <U extends Pick<Unit, 'path'>>(all: U[], unit: Pick<Unit, 'path'>): U[] => all.filter((u) => u.path.startsWith(unit.path))

export interface ListScope<U> {
  /** The unit the list is about: the room's, or the one named below it. */
  scope: U
  unitIds: number[]
  unitNames: Map<number, string>
  /** Whether units below the scope are included (the head says "及下级"). */
  below: boolean
}

/** The units a list covers: the room unit's subtree (`subtree`, room unit first), or the part of it under the unit named. */
export function listScope<U extends Pick<Unit, 'id' | 'name' | 'path'>>(subtree: U[], word: string | null, command: string): ListScope<U> {
  const room = must(subtree[0], 'LIST_SUBTREE_EMPTY')
  const scope = word ? findUnitIn(subtree, word, { scopeName: room.name, example: `${command} ${(subtree[1] ?? room).name}` }) : room
  const units = under(subtree, scope)
  return { scope, unitIds: units.map((u) => u.id), unitNames: new Map(units.map((u) => [u.id, u.name])), below: units.length > 1 }
}
