// The first contact with PostgreSQL at start, bounded: connect until `timeoutMs`, then a clear error (an unreachable
// host would otherwise wait for the TCP timeout, a refused port fail with a stack trace).
import pg from 'pg'
import { maskSecrets } from '../core/secrets.ts'
import { StartupError } from '../core/startup-error.ts'
import { dbTexts } from './db.texts.ts'

export async function waitForPostgres(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < until) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: Math.max(500, Math.min(3_000, until - Date.now())) })
    client.on('error', () => undefined)
    try {
      await client.connect()
      await client.query('SELECT 1')
      await client.end()
      return
    } catch (e) {
      last = (e as Error).message || String(e)
      await client.end().catch(() => undefined)
      // Wrong credentials or a missing database will not fix themselves: say so at once.
      const code = (e as { code?: string }).code
      if (code === '28P01' || code === '28000' || code === '3D000') break
    }
    await new Promise((res) => setTimeout(res, 500))
  }
  const where = maskSecrets(url)
  throw new StartupError(
    'DATABASE_UNREACHABLE',
    dbTexts.unreachable(where, last),
    `cannot connect to PostgreSQL (DATABASE_URL=${where}) within ${Math.round(timeoutMs / 1000)} s: ${last}`,
  )
}
