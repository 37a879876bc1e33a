// DATABASE_READ_URL: the reports' reads (digests, 台账 exports, rankings, the board) may go to a replica. openDatabase
// registers the replica's client for the primary's; inTransaction passes it on to the transactions it opens. A read
// path asks `forReports(db)` for its client: the replica when one is set, otherwise `db` itself. Only reads that need
// not see the caller's own uncommitted writes go there (points settled in the same unit of work stay on `db`).

/** A Prisma client or transaction (structurally: client.ts imports this module). */
type Client = object

const replicas = new WeakMap<Client, Client>()

/** openDatabase: the reports of this client read from `replica`. */
export function useReadReplica(primary: Client, replica: Client): void {
  replicas.set(primary, replica)
}

/** inTransaction: a transaction's reports read where its client's do. */
export function shareReadReplica(from: Client, to: Client): void {
  const r = replicas.get(from)
  if (r) replicas.set(to, r)
}

/** The client a report reads with: the replica (DATABASE_READ_URL) when set, else `db`. */
export function forReports<T extends Client>(db: T): T {
  return (replicas.get(db) as T | undefined) ?? db
}
