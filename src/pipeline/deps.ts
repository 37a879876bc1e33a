import type { Redis } from 'ioredis'
import type { Clock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Counters } from '../core/metrics.ts'
import type { Outbox } from '../core/ports.ts'
import type { Scheduler } from '../core/effects.ts'
import type { Db } from '../db/client.ts'
import type { OrgCache } from '../domain/org/org-cache.ts'

export interface AppDeps {
  prisma: Db
  /** Room and member lookups, briefly cached. */
  org: OrgCache
  redis: Redis
  outbox: Outbox
  scheduler: Scheduler
  clock: Clock
  log: Logger
  counters: Counters
  /** Commands a member may send per minute before the bot asks them to slow down. */
  rateLimitPerMinute: number
  /** Prefix for our own Redis keys (tests isolate on it). */
  keyPrefix: string
}
