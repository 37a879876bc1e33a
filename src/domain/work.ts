// A unit of work: the transaction a command or timer runs in, what it wants done after commit, and the time it
// happens at. Services take one; only db/ and repositories touch `db` itself.
import type { Effects } from '../core/effects.ts'
import type { DbOrTx } from '../db/client.ts'

export interface Work {
  db: DbOrTx
  effects: Effects
  now: Date
}
