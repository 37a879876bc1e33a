// Errors that mean "the database is not reachable right now" (a restart, a failover, a dropped connection), as
// opposed to errors of the statement itself: work that meets one waits and tries again instead of giving up.
const CODES = new Set([
  'P1001',
  'P1002',
  'P1017',
  'P2024',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
])
const MESSAGES =
  /Can't reach database server|Server has closed the connection|Connection terminated|terminating connection|the database system is (starting up|shutting down)|connect ECONNREFUSED|Timed out fetching a new connection/i

export function isTransientDbError(e: unknown): boolean {
  for (let err = e as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 5; err = err.cause as typeof err, depth++) {
    if (typeof err.code === 'string' && CODES.has(err.code)) return true
    if (typeof err.message === 'string' && MESSAGES.test(err.message)) return true
  }
  return false
}
