// What a unit of work wants done once its transaction commits: messages to post and timers to set.
// Collected during the transaction and flushed after commit, so a rolled-back change never speaks or schedules.
import type { OutboundMessage } from './message.ts'
import type { Outbox } from './ports.ts'

export interface TimerRequest {
  kind: 'escalate' | 'remind'
  taskId: number
  /** The task's escalation cycle the timer belongs to; a timer of an old cycle does nothing. */
  cycle: number
  /** Level (escalate) or reminder index (remind). */
  step: number
  dueAt: Date
}

export interface Scheduler {
  schedule(t: TimerRequest): Promise<void>
  /** Makes sure the timer is pending (re-creating it when Redis lost it); true when it had to be repaired. */
  ensure(t: TimerRequest): Promise<boolean>
}

export class Effects {
  readonly posts: { message: OutboundMessage; key: string }[] = []
  readonly timers: TimerRequest[] = []
  post(message: OutboundMessage, key: string): void {
    this.posts.push({ message, key })
  }
  schedule(t: TimerRequest): void {
    this.timers.push(t)
  }
  clear(): void {
    this.posts.length = 0
    this.timers.length = 0
  }
  async flush(outbox: Outbox, scheduler: Scheduler): Promise<void> {
    await Promise.all(this.posts.map((p) => outbox.send(p.message, p.key)))
    await Promise.all(this.timers.map((t) => scheduler.schedule(t)))
    this.clear()
  }
}
