// The unit an item belongs to, seen with its ancestors and the policy they resolve to: what every capability's
// rules read before acting on an item of that unit.
import type { DbOrTx } from '../../db/client.ts'
import { resolvePolicy, type TaskPolicy } from '../policy/policy.ts'
import { orgRepo } from './org.repo.ts'
import type { Unit } from './org.types.ts'

export interface UnitContext {
  unit: Unit
  /** From the district down to the unit. */
  chain: Unit[]
  policy: TaskPolicy
}

export async function unitContext(db: DbOrTx, unit: Unit): Promise<UnitContext> {
  const chain = [...(await orgRepo.ancestors(db, unit)), unit]
  return { unit, chain, policy: resolvePolicy(chain.map((u) => u.policy)) }
}
