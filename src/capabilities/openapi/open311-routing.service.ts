// Which grid a request from outside belongs to, within the key's subtree: the grid `attribute[unit]` names; else a
// grid named in the address; else the grid whose people's located check-ins and reports are nearest the
// coordinates (within NEAR_M); else the key's own unit when it is a grid. Refusals carry codes.
import { refuser } from '../../core/errors.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type Unit } from '../../kernel/org/org.types.ts'
import { open311Repo } from './open311.repo.ts'
import { must } from '../../core/must.ts'

export type RoutingRefusal = 'OPEN311_UNIT_UNKNOWN' | 'OPEN311_UNIT_OUT_OF_SCOPE' | 'OPEN311_UNIT_NOT_GRID' | 'OPEN311_UNROUTABLE' | 'OPEN311_OUTSIDE'
const refuse = refuser<RoutingRefusal>('openapi')

/** A request this close to where a grid's people have been is that grid's. */
export const NEAR_M = 1_500
/** Farther than this from anything known in the district: not the district's (when anything is known). */
export const OUTSIDE_M = 30_000

export function metres(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180
  const x = (b.long - a.long) * rad * Math.cos(((a.lat + b.lat) / 2) * rad)
  const y = (b.lat - a.lat) * rad
  return Math.sqrt(x * x + y * y) * 6_371_000
}

export async function routeToGrid(
  db: DbOrTx,
  scope: Unit,
  r: { unit: string | null; address: string | null; location: { latitude: number; longitude: number } | null },
): Promise<Unit> {
  const subtree = await orgRepo.subtree(db, scope)
  if (r.unit) {
    const named = await orgRepo.unitByName(db, districtOf(scope), r.unit)
    if (!named) throw refuse('OPEN311_UNIT_UNKNOWN', `attribute[unit] ${r.unit} is not a unit of this district`)
    if (!named.path.startsWith(scope.path)) throw refuse('OPEN311_UNIT_OUT_OF_SCOPE', `attribute[unit] ${r.unit} is outside this api_key's unit`)
    if (named.kind !== 'grid') throw refuse('OPEN311_UNIT_NOT_GRID', `attribute[unit] ${r.unit} is not a grid: name the grid that owns the place`)
    return named
  }
  const grids = subtree.filter((u) => u.kind === 'grid')
  const address = r.address
  const inAddress = address ? grids.filter((g) => address.includes(g.name)).sort((a, b) => b.name.length - a.name.length)[0] : undefined
  if (inAddress) return inAddress
  if (r.location) {
    const here = { lat: r.location.latitude, long: r.location.longitude }
    const known = await open311Repo.located(
      db,
      grids.map((g) => g.id),
      5_000,
    )
    let best: { unitId: number; m: number } | null = null
    for (const k of known) {
      const m = metres(here, k)
      if (!best || m < best.m) best = { unitId: k.unitId, m }
    }
    if (best && best.m > OUTSIDE_M) throw refuse('OPEN311_OUTSIDE', 'lat/long is outside the area of this api_key')
    const near = best && best.m <= NEAR_M ? best.unitId : null
    if (near !== null)
      return must(
        grids.find((g) => g.id === near),
        'UNIT_MISSING',
      )
  }
  if (scope.kind === 'grid') return scope
  throw refuse('OPEN311_UNROUTABLE', 'cannot tell which grid this is: give attribute[unit]=<grid name> or an address naming the grid')
}
