import type { Clock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Counters } from '../core/metrics.ts'
import type { MediaStore, Outbox, RateLimiter, Scheduler, SendPace } from '../core/ports.ts'
import type { Db } from '../db/client.ts'
import type { OrgCache } from '../kernel/org/org-cache.ts'
import type { Publisher } from '../kernel/events.ts'
import type { CommandSet } from './command.ts'

/** What the dispatcher needs; handlers see none of it (they get a narrowed CommandContext). */
export interface PipelineDeps {
  prisma: Db
  /** Room and member lookups, briefly cached. */
  org: OrgCache
  commands: CommandSet
  /** The capabilities' domain event subscribers; every unit of work publishes on them. */
  events: Publisher
  outbox: Outbox
  scheduler: Scheduler
  rateLimiter: RateLimiter
  clock: Clock
  log: Logger
  counters: Counters
  /** Commands a member may send per minute before the bot asks them to slow down (0: no limit). */
  rateLimitPerMinute: number
  /** Where files the bot makes (a 台账 export, a digest's chart) are kept for the sender to read back. */
  media: MediaStore
  /** Accounts' default outbound pace (GRIDBOT_PACE_PER_SEC, GRIDBOT_PACE_JITTER_MS); absent: DEFAULT_SEND_PACE. */
  pace?: SendPace
  /** GRIDBOT_WEBHOOK_ALLOW_LOCAL: webhooks may post to loopback/private addresses (tests, on-prem receivers). */
  webhookAllowLocal?: boolean
}
