// What every role of the app shares: the options it was started with, the queues, the dispatcher's dependencies,
// the sweeper. The role starters (worker-role.ts, gateway-role.ts) take it and add their workers.
import type { Queue, Worker } from 'bullmq'
import type { Clock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Metrics } from '../core/metrics.ts'
import type { MediaStore } from '../core/ports.ts'
import type { Env } from '../config/env.ts'
import type { Infra } from '../infra.ts'
import type { InboundQueues } from '../jobs/inbound.ts'
import type { QueueEnv } from '../jobs/queues.ts'
import type { TimerQueue } from '../jobs/timers.ts'
import type { QueueOutbox } from '../outbound/outbox.ts'
import type { Pace } from '../outbound/sender.ts'
import type { PipelineDeps } from '../pipeline/deps.ts'
import type { Dispatch } from '../pipeline/dispatcher.ts'
import type { ChatTransport } from '../transport/transport.ts'

export type Role = 'all' | 'gateway' | 'worker'

export interface AppOptions {
  role: Role
  env: Env
  infra: Infra
  log: Logger
  clock?: Clock
  /** Builds the transport for a bot account (WeChat in production, the mock in the simulator). */
  makeTransport?: (accountId: string) => ChatTransport
  /** Accounts this gateway serves; default: every account in the database. */
  accounts?: string[]
  /** `--accounts auto`: `accounts` are candidates the gateways split, this one serving at most `max` (account-share.ts). */
  autoAccounts?: { max: number }
  /** Outbound pacing; null turns it off (simulator, benchmarks). */
  pace?: Pace | null
  concurrency?: number
  /** Timers wait for the simulator to promote them instead of firing on the wall clock. */
  virtualTime?: boolean
  /** Where files are kept (received images, exports, charts); default: the data folder's media/. */
  media?: MediaStore
  /** The process's metrics (served on /metrics); default: a registry of the app's own. */
  metrics?: Metrics
}

export type SweepResult = { checked: number; repaired: number; full: boolean }

export interface AppCore {
  o: AppOptions
  log: Logger
  clock: Clock
  queueEnv: QueueEnv
  outbox: QueueOutbox
  timers: TimerQueue
  metrics: Metrics
  deps: PipelineDeps
  dispatch: Dispatch
  inbound: InboundQueues
  /** Every queue of the deployment: the inbound shards, the timers, and each account's outbound queue. */
  queues(): Promise<Queue[]>
  sweepNow(opts?: { full?: boolean }): Promise<SweepResult>
  workers: Worker[]
  transports: ChatTransport[]
}
