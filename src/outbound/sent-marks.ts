// Marking outbox rows sent, in the gateway. A mark that cannot be written (PostgreSQL restarting) must not fail the
// send job: BullMQ would retry it and WeChat would get the message twice. It is kept and written again shortly;
// meanwhile the part's claim (OutboxClaim: live while this gateway holds the account's lease, 10 minutes at most)
// keeps the sweeper and any other run from sending it.
import { Batcher } from '../core/batcher.ts'
import type { Logger } from '../core/logger.ts'
import type { Counters } from '../core/metrics.ts'

const RETRY_MS = 1_000
/** A bound on memory during a long outage; past it the sweeper may resend once the claims lapse. */
const MAX_PENDING = 100_000

export class SentMarks {
  private readonly pending = new Set<string>()
  private timer: NodeJS.Timeout | null = null
  private retrying = false

  /** Marks arriving together are written in one statement. */
  private readonly batch: Batcher<string>

  constructor(
    private readonly write: (keys: string[]) => Promise<void>,
    private readonly log: Logger,
    private readonly counters: Counters,
  ) {
    this.batch = new Batcher(write, { maxItems: 500, waitMs: 5 })
  }

  /** Never throws: a failed mark is retried in the background. */
  async mark(key: string): Promise<void> {
    try {
      await this.batch.add(key)
    } catch (err) {
      if (this.pending.size < MAX_PENDING) this.pending.add(key)
      this.counters.inc('outbox.mark_deferred')
      this.log.warn({ err: (err as Error).message, key }, 'could not mark a sent message; retrying')
      this.timer ??= setInterval(() => void this.retry(), RETRY_MS)
    }
  }

  private async retry(): Promise<void> {
    if (this.retrying) return // the previous round is still writing
    this.retrying = true
    try {
      const keys = [...this.pending]
      for (let i = 0; i < keys.length; i += 500) {
        const part = keys.slice(i, i + 500)
        await this.write(part)
        for (const k of part) this.pending.delete(k)
      }
    } catch {
      return // still down: next round
    } finally {
      this.retrying = false
    }
    if (this.pending.size === 0 && this.timer) {
      clearInterval(this.timer)
      this.timer = null
    }
  }

  /** At stop: one last try, then whatever is left is the sweeper's once its claims lapse. */
  async flush(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.retry()
  }
}
