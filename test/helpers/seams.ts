// Test doubles behind the core ports: handlers and rules run with no Redis and no queue.
import type { OutboundMessage } from '../../src/core/message.ts'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Outbox, RateLimiter, Scheduler, TimerRequest } from '../../src/core/ports.ts'
import { FileMediaStore } from '../../src/storage/file-media-store.ts'

/** A media store in a fresh temporary folder (files the bot makes: exports, charts). */
export const tempMedia = () => new FileMediaStore(mkdtempSync(path.join(os.tmpdir(), 'gridbot-media-')))

/** Keeps what would have been sent, once per key, in order. */
export class RecordingOutbox implements Outbox {
  readonly sent: (OutboundMessage & { key: string })[] = []
  private readonly keys = new Set<string>()
  async send(message: OutboundMessage, key: string): Promise<void> {
    if (this.keys.has(key)) return
    this.keys.add(key)
    this.sent.push({ ...message, key })
  }
  /** Texts sent to one room. */
  to(roomId: string): string[] {
    return this.sent.filter((m) => m.roomId === roomId).map((m) => m.text)
  }
  clear(): void {
    this.sent.length = 0
  }
}

/** Timers wait here until the test runs them (`due(now)`), like the simulator's virtual time. */
export class ManualScheduler implements Scheduler {
  readonly pending = new Map<string, TimerRequest>()
  private readonly id = (t: TimerRequest) => `${t.kind}|${t.subjectId}|${t.cycle}|${t.step}`
  async schedule(t: TimerRequest): Promise<void> {
    this.pending.set(this.id(t), t)
  }
  async ensure(t: TimerRequest): Promise<boolean> {
    if (this.pending.has(this.id(t))) return false
    this.pending.set(this.id(t), t)
    return true
  }
  /** Removes and returns the timers due by `now`, earliest first. */
  due(now: Date): TimerRequest[] {
    const out = [...this.pending.values()].filter((t) => t.dueAt.getTime() <= now.getTime()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    for (const t of out) this.pending.delete(this.id(t))
    return out
  }
}

/** The rate limit's window in memory, on the time it is given. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly seen = new Map<string, Set<string>>()
  constructor(private readonly windowMs = 60_000) {}
  async hit(key: string, now: Date, messageId: string): Promise<number> {
    const k = `${key}|${Math.floor(now.getTime() / this.windowMs)}`
    const ids = this.seen.get(k) ?? new Set<string>()
    ids.add(messageId)
    this.seen.set(k, ids)
    return ids.size
  }
}
