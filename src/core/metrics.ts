// The process's metrics, in Prometheus form (prom-client), one registry per app so several apps in one process (the
// simulator's split mode, tests) never share or clash. `Counters` keeps the small named counters for things dropped or
// repaired on purpose (ignored rooms, oversize texts, rate limits, repairs): each is also `gridbot_events_total{event}`,
// so logs, tests and /metrics read the same numbers.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { within } from './time-limit.ts'

/** A scrape never waits longer than this for one gauge's source (Redis or PostgreSQL away): its samples are left out. */
const READ_LIMIT_MS = 2_000

/** Something a scrape reads at that moment (queue depth, account states): registered by whoever owns the data. */
export type Sample = { labels: Record<string, string>; value: number }

export class Metrics {
  readonly registry = new Registry()
  readonly events = new Counter({
    name: 'gridbot_events_total',
    help: 'Named events: messages ignored, rate limits, repairs, redeliveries',
    labelNames: ['event'],
    registers: [this.registry],
  })
  readonly messagesIn = new Counter({
    name: 'gridbot_messages_received_total',
    help: 'Messages a gateway received that may be for the bot, per account',
    labelNames: ['account'],
    registers: [this.registry],
  })
  readonly messagesOut = new Counter({
    name: 'gridbot_messages_sent_total',
    help: 'Messages (or parts, or images) WeChat accepted, per account',
    labelNames: ['account'],
    registers: [this.registry],
  })
  readonly outboxFailures = new Counter({
    name: 'gridbot_outbox_failures_total',
    help: 'Sends that gave up after their last retry (the sweeper resends the row), per account',
    labelNames: ['account'],
    registers: [this.registry],
  })
  readonly mediaMissing = new Counter({
    name: 'gridbot_media_missing_total',
    help: 'Images received whose bytes could not be fetched or kept (the message went on, marked missing), by cause',
    labelNames: ['account', 'cause'],
    registers: [this.registry],
  })
  readonly canaryMisses = new Counter({
    name: 'gridbot_canary_misses_total',
    help: 'Canary nonces an account did not receive back in time (two in a row: the account is deaf)',
    labelNames: ['account'],
    registers: [this.registry],
  })
  readonly providerErrors = new Counter({
    name: 'gridbot_provider_errors_total',
    help: 'Sends the puppet service refused, by account and kind (throttled, logged_out, transient, auth; timeout: no answer in time)',
    labelNames: ['account', 'problem'],
    registers: [this.registry],
  })
  readonly inboundDropped = new Counter({
    name: 'gridbot_inbound_dropped_total',
    help: 'Messages for the bot a gateway did not hand on, by reason (direct, oversize, unreadable, inbox_write_failed)',
    labelNames: ['reason'],
    registers: [this.registry],
  })
  readonly commands = new Counter({
    name: 'gridbot_commands_total',
    help: 'Commands handled, by command and outcome (ok, refused, failed)',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  })
  readonly timerLateness = new Histogram({
    name: 'gridbot_timer_lateness_seconds',
    help: 'How late a timer (escalation, reminder, notice SLA …) ran after its due time',
    labelNames: ['kind'],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
    registers: [this.registry],
  })

  constructor(opts: { processMetrics?: boolean } = {}) {
    // Under their standard names (process_*, nodejs_*), as stock dashboards and alerts expect them.
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry })
  }

  /** Scrapes whose gauge sources failed or did not answer in time, per gauge. */
  readonly scrapeErrors = new Counter({
    name: 'gridbot_scrape_errors_total',
    help: 'Gauge sources that failed or timed out during a scrape',
    labelNames: ['gauge'],
    registers: [this.registry],
  })

  /** A gauge whose samples are read at each scrape; a read that fails or hangs drops its samples for that scrape (and
   *  counts in gridbot_scrape_errors_total), so /metrics answers while Redis or the database is away. */
  gauge(name: string, help: string, labelNames: string[], read: () => Promise<Sample[]> | Sample[]): void {
    const errors = this.scrapeErrors
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset()
        const samples = await within(
          READ_LIMIT_MS,
          Promise.resolve()
            .then(read)
            .catch(() => null),
          null,
        )
        if (!samples) return void errors.inc({ gauge: name })
        for (const s of samples) this.set(s.labels, s.value)
      },
    })
  }

  text(): Promise<string> {
    return this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }
}

export class Counters {
  private readonly values = new Map<string, number>()
  constructor(readonly metrics: Metrics = new Metrics()) {}
  inc(name: string, by = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + by)
    this.metrics.events.inc({ event: name }, by)
  }
  get(name: string): number {
    return this.values.get(name) ?? 0
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.values)
  }
}
