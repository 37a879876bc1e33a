// What a unit of work wants done once its transaction commits: replies, posts to other rooms, timers, and
// after-commit hooks. Collected during the transaction and flushed after commit, so a rolled-back change never
// speaks or schedules.
import type { OutboundMessage } from './message.ts'
import type { Outbox, Scheduler, TimerRequest } from './ports.ts'

/** Posts handed to the queue at a time after commit. */
const POST_SLICE = 200

export class Effects {
  readonly posts: { message: OutboundMessage; key: string }[] = []
  readonly timers: TimerRequest[] = []
  private readonly hooks: (() => void)[] = []

  post(message: OutboundMessage, key: string): void {
    this.posts.push({ message, key })
  }
  schedule(t: TimerRequest): void {
    this.timers.push(t)
  }
  /** Runs after commit (e.g. forget cached org data this change made stale). */
  afterCommit(fn: () => void): void {
    this.hooks.push(fn)
  }
  /** Forgets everything: the transaction rolled back. */
  clear(): void {
    this.posts.length = 0
    this.timers.length = 0
    this.hooks.length = 0
  }
  async flush(outbox: Outbox, scheduler: Scheduler): Promise<void> {
    for (const fn of this.hooks.splice(0)) fn()
    // In slices: a city-wide notice's 11,590 posts handed over at once held the event loop and Redis ahead of the
    // reply queued just before them (the sender's plan reply waited on them all).
    for (let i = 0; i < this.posts.length; i += POST_SLICE) await Promise.all(this.posts.slice(i, i + POST_SLICE).map((p) => outbox.send(p.message, p.key)))
    await Promise.all(this.timers.map((t) => scheduler.schedule(t)))
    this.clear()
  }
}
