// What /readyz reports: the database, Redis and every account this process serves, each with its own verdict, so an
// operator (or a load balancer) sees which one is down. Ready only when all are.
import { within } from '../core/time-limit.ts'
import type { AccountStatus } from '../transport/transport.ts'

export interface ReadinessChecks {
  /** Throws when the database cannot answer. */
  database(): Promise<void>
  /** Throws when Redis cannot answer. */
  redis(): Promise<void>
  /** Throws while the media store does not accept writes (absent: not checked). */
  media?(): Promise<void>
  /** The accounts this process serves (none for a worker); null while the app is still starting. */
  accounts(): AccountStatus[] | null
}

export interface CheckResult {
  ok: boolean
  error?: string
}

export interface Readiness {
  ready: boolean
  database: CheckResult
  redis: CheckResult
  media?: CheckResult
  starting: boolean
  accounts: { id: string; ok: boolean; state: string; since: string; detail?: string }[]
}

const CHECK_TIMEOUT_MS = 2_000

async function check(run: () => Promise<void>): Promise<CheckResult> {
  try {
    const done = await within(
      CHECK_TIMEOUT_MS,
      run().then(() => true),
      false,
    )
    return done ? { ok: true } : { ok: false, error: `no answer within ${CHECK_TIMEOUT_MS} ms` }
  } catch (e) {
    return { ok: false, error: (e as Error).message }
  }
}

export async function readiness(c: ReadinessChecks): Promise<Readiness> {
  const [database, redis, media] = await Promise.all([check(c.database), check(c.redis), c.media ? check(c.media) : null])
  const list = c.accounts()
  const accounts = (list ?? []).map((a) => ({
    id: a.accountId,
    ok: a.state === 'logged_in',
    state: a.state,
    since: a.since.toISOString(),
    // A QR code URL while waiting for a scan is for the admin console, not for a probe's log.
    ...(a.detail && a.state !== 'waiting_scan' ? { detail: a.detail } : {}),
  }))
  const ready = database.ok && redis.ok && (media?.ok ?? true) && list !== null && accounts.every((a) => a.ok)
  return { ready, database, redis, ...(media ? { media } : {}), starting: list === null, accounts }
}
