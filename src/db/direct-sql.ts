// The hot path's few statements (a check-in, the inbox rows a gateway writes, the sent marks) go straight through
// the pg driver Prisma already uses, on the same pool, as named prepared statements. Measured under a burst, a
// Prisma call cost about 0.7 ms of this process's CPU (more than the statement itself), and an unnamed statement
// is parsed and planned by PostgreSQL every time. Inside a transaction, and on PGlite, the same statement goes
// through Prisma: one SQL text, two ways to send it.
import type pg from 'pg'
import { GroupCommit, type ItemFailure } from './group-commit.ts'

/** A Prisma client or transaction (structurally: client.ts imports this module). */
interface DbOrTx {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>
}

const pools = new WeakMap<object, pg.Pool>()

/** openDatabase: this client's statements outside a transaction may use this pool. */
export function useDirectSql(db: DbOrTx, pool: pg.Pool): void {
  pools.set(db, pool)
}

/**
 * One statement with $1… parameters. Values are plain: strings, numbers, booleans, null, arrays of strings (cast in
 * the SQL: `$3::text[]`); dates as `sqlTime(d)` with `::timestamp(3)` (the columns are UTC without a zone, as Prisma
 * writes them), JSON as a string with `::jsonb`. Rows come back as the driver gives them: read bigints with Number().
 */
export async function directQuery<R>(db: DbOrTx, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = pools.get(db)
  if (!pool) return db.$queryRawUnsafe<R[]>(text, ...values)
  return (await pool.query({ name, text, values })).rows as R[]
}

/** A time for a `::timestamp(3)` parameter: UTC, as Prisma stores DateTime (the process's time zone plays no part). */
export const sqlTime = (d: Date): string => d.toISOString()

const groups = new WeakMap<pg.Pool, Map<string, GroupCommit<never, unknown>>>()

/**
 * The group commit (group-commit.ts) for statements of kind `name` on this client's pool; null inside a transaction
 * and on PGlite (one statement each there). `write` sends a batch as one statement and returns a result per item.
 */
export function directGroup<I, O>(
  db: DbOrTx,
  name: string,
  write: (items: I[]) => Promise<(O | ItemFailure)[]>,
  opts = { maxItems: 64, maxInFlight: 1 },
): GroupCommit<I, O> | null {
  const pool = pools.get(db)
  if (!pool) return null
  let byName = groups.get(pool)
  if (!byName) groups.set(pool, (byName = new Map()))
  let g = byName.get(name) as GroupCommit<I, O> | undefined
  if (!g) byName.set(name, (g = new GroupCommit(write, opts)) as unknown as GroupCommit<never, unknown>)
  return g
}
