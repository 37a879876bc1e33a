// Notice SLA compliance for /metrics: of the deliveries of notices whose SLA deadline has passed (created since
// `since`), how many were sent, and how many acknowledged, by that deadline; per priority.
import type { DbOrTx } from '../../db/client.ts'

export interface SlaCounts {
  priority: string
  deliveries: number
  reached: number
  acknowledged: number
}

export const noticeSlaRepo = {
  counts: (db: DbOrTx, since: Date, now: Date) =>
    db.$queryRaw<SlaCounts[]>`
      SELECT n."priority"::text AS priority,
             count(*)::int AS deliveries,
             (count(*) FILTER (WHERE d."sentAt" IS NOT NULL AND d."sentAt" <= n."slaAt"))::int AS reached,
             (count(*) FILTER (WHERE d."ackAt" IS NOT NULL AND d."ackAt" <= n."slaAt"))::int AS acknowledged
      FROM "NoticeDelivery" d JOIN "Notice" n ON n."id" = d."noticeId"
      WHERE n."createdAt" >= ${since} AND n."slaAt" <= ${now}
      GROUP BY n."priority"`,
}
