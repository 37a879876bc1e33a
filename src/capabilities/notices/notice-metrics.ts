// The notice SLA on /metrics ("一般工作10分钟直达、紧急工作3分钟直达"): over the last week's notices whose deadline has
// passed, deliveries in all, sent in time, acknowledged in time, and the share sent in time. Read from PostgreSQL
// (the truth, whichever process sent them) at most every 30 s.
import type { Clock } from '../../core/clock.ts'
import type { Metrics, Sample } from '../../core/metrics.ts'
import type { Db } from '../../db/client.ts'
import { noticeSlaRepo, type SlaCounts } from './notice-sla.repo.ts'

const WINDOW_MS = 7 * 86_400_000
const CACHE_MS = 30_000

export function registerNoticeSlaMetrics(metrics: Metrics, prisma: Db, clock: Clock): void {
  let cached: { at: number; rows: Promise<SlaCounts[]> } | null = null
  const rows = () => {
    const now = clock.now().getTime()
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, rows: noticeSlaRepo.counts(prisma, new Date(now - WINDOW_MS), new Date(now)) }
    return cached.rows
  }
  metrics.gauge(
    'gridbot_notice_sla_deliveries',
    'Deliveries of the last 7 days of notices past their SLA deadline: all, reached_in_time, acknowledged_in_time',
    ['priority', 'measure'],
    async () =>
      (await rows()).flatMap((r): Sample[] => [
        { labels: { priority: r.priority, measure: 'all' }, value: r.deliveries },
        { labels: { priority: r.priority, measure: 'reached_in_time' }, value: r.reached },
        { labels: { priority: r.priority, measure: 'acknowledged_in_time' }, value: r.acknowledged },
      ]),
  )
  metrics.gauge(
    'gridbot_notice_sla_compliance_ratio',
    'Share of the last 7 days of deliveries that reached their room by the SLA deadline',
    ['priority'],
    async () => (await rows()).filter((r) => r.deliveries > 0).map((r) => ({ labels: { priority: r.priority }, value: r.reached / r.deliveries })),
  )
}
