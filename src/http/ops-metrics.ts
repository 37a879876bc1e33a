// The failures that matter, on /metrics of every process (issue #25): read from PostgreSQL (so they survive a Redis
// flush and the gateway's death), the stores' reachability, and each account's state as the database last recorded
// it. deploy/monitoring/ has the alert rules and the dashboard that use them.
import type { Clock } from '../core/clock.ts'
import type { Metrics, Sample } from '../core/metrics.ts'
import { within } from '../core/time-limit.ts'
import type { Db } from '../db/client.ts'
import { opsGaugesRepo, type Backlog } from './ops-gauges.repo.ts'

/** A timer this late is overdue: the sweeper (every minute) should have run it. */
const OVERDUE_GRACE_MS = 2 * 60_000
/** Account states, as gridbot_account_state has them. */
const STATES = ['starting', 'waiting_scan', 'logged_in', 'logged_out', 'disconnected', 'failed_auth', 'stopped', 'deaf']
const PROBE_MS = 2_000

const age = (b: Backlog, now: Date) => (b.oldest ? Math.max(0, (now.getTime() - b.oldest.getTime()) / 1000) : 0)

export function registerOpsMetrics(
  metrics: Metrics,
  d: { prisma: Db; clock: Clock; stores: Record<'database' | 'redis' | 'media', (() => Promise<unknown>) | null> },
): void {
  // A label even where one value suffices: a gauge without labels reads 0 when its source failed or was too slow, a
  // false all-clear; with one, the sample is absent (and gridbot_scrape_errors_total counts it).
  const one = (v: number): Sample[] => [{ labels: { source: 'database' }, value: v }]
  metrics.gauge('gridbot_inbox_unhandled', 'Inbox rows (messages for the bot) not handled yet', ['source'], async () =>
    one((await opsGaugesRepo.unhandledInbox(d.prisma)).count),
  )
  metrics.gauge('gridbot_inbox_oldest_unhandled_age_seconds', 'Age of the oldest inbox row not handled (0: none)', ['source'], async () =>
    one(age(await opsGaugesRepo.unhandledInbox(d.prisma), d.clock.now())),
  )
  metrics.gauge('gridbot_outbox_unsent', 'Outbox rows (replies, posts) not sent yet and not given up', ['source'], async () =>
    one((await opsGaugesRepo.unsentOutbox(d.prisma)).count),
  )
  metrics.gauge('gridbot_outbox_oldest_unsent_age_seconds', 'Age of the oldest outbox row not sent (0: none)', ['source'], async () =>
    one(age(await opsGaugesRepo.unsentOutbox(d.prisma), d.clock.now())),
  )
  metrics.gauge('gridbot_outbox_failed', 'Posts that gave up (gridbot outbox failed lists them; retry resends)', ['source'], async () =>
    one(await opsGaugesRepo.failedPosts(d.prisma)),
  )
  metrics.gauge('gridbot_timers_overdue', 'Escalation steps and notice timers due over 2 minutes ago and not run, by kind', ['kind'], async () =>
    Object.entries(await opsGaugesRepo.overdue(d.prisma, new Date(d.clock.now().getTime() - OVERDUE_GRACE_MS))).map(([kind, value]) => ({
      labels: { kind },
      value,
    })),
  )
  metrics.gauge(
    'gridbot_account_db_state',
    "Each account's link state as the database last recorded it (1 = current; survives the gateway)",
    ['account', 'state'],
    async () =>
      (await opsGaugesRepo.accountStates(d.prisma)).flatMap((a): Sample[] =>
        STATES.map((state) => ({ labels: { account: a.id, state }, value: (a.state ?? 'stopped') === state ? 1 : 0 })),
      ),
  )
  metrics.gauge('gridbot_store_up', 'Whether this process reaches each store: database, redis, media (1 = yes)', ['store'], async () => {
    const probe = async (fn: (() => Promise<unknown>) | null) =>
      fn
        ? within(
            PROBE_MS,
            fn().then(
              () => 1,
              () => 0,
            ),
            0,
          )
        : null
    const out: Sample[] = []
    for (const [store, fn] of Object.entries(d.stores)) {
      const v = await probe(fn)
      if (v !== null) out.push({ labels: { store }, value: v })
    }
    return out
  })
}
