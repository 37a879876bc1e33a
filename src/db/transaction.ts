// The one place a transaction is opened (besides repositories): the pipeline, timer handlers and the org import
// run their unit of work through here.
import type { Db, Tx } from './client.ts'
import { shareReadReplica } from './read-replica.ts'

export interface TransactionOptions {
  /** How long the work may run, and how long it may wait for a connection. */
  timeoutMs?: number
}

export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  const ms = opts.timeoutMs ?? 30_000
  return db.$transaction(
    (tx) => {
      shareReadReplica(db, tx)
      return fn(tx)
    },
    { timeout: ms, maxWait: Math.min(ms, 60_000) },
  )
}
