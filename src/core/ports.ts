// The small interfaces the rest plugs into. core owns them; outbound/, jobs/ and tests implement them.
import type { OutboundMessage } from './message.ts'

/** Where replies and posts go. Implemented by outbound/ (BullMQ) and by tests (RecordingOutbox). */
export interface Outbox {
  /** `key` makes the send idempotent: the same key is sent once. */
  send(message: OutboundMessage, key: string): Promise<void>
}

/**
 * What a timer wakes: a BullMQ job name that one capability declares in its index (`timers.handlers`), e.g. a task's
 * escalation step or a notice's SLA deadline. Not a union here: core knows no capability.
 */
export type TimerKind = string

/** A timer a domain rule asks for: it wakes the timer handler at `dueAt` (virtual or wall-clock time). */
export interface TimerRequest {
  kind: TimerKind
  /** The row id of the record the timer belongs to (the kind says which table). */
  subjectId: number
  /** The record's timer cycle the timer belongs to; a timer of an old cycle does nothing. A schedule's occurrence:
   *  its time in minutes since the epoch (one job id per occurrence). */
  cycle: number
  /** Level (escalate) or reminder index (remind), or the step of a hazard's timer. */
  step: number
  dueAt: Date
}

/** Sets timers. Implemented by jobs/ (BullMQ delayed jobs) and by tests (ManualScheduler). */
export interface Scheduler {
  schedule(t: TimerRequest): Promise<void>
  /** Makes sure the timer is pending (re-creating it when Redis lost it); true when it had to be repaired. */
  ensure(t: TimerRequest): Promise<boolean>
}

/** Counts a sender's commands in a window shared by every worker process. */
export interface RateLimiter {
  /** How many messages `key` has sent in the window containing `now`, this one (`messageId`) included; the same
   *  message counted again (a retry) counts once. */
  hit(key: string, now: Date, messageId: string): Promise<number>
}

/** Where images people send are kept, and read back to forward them. Files under the data folder by default. */
export interface MediaStore {
  /** Keeps `bytes` under `name` (unique per message); returns the reference records store. */
  put(name: string, bytes: Buffer): Promise<string>
  get(ref: string): Promise<Buffer>
}

/** How fast one bot account may post (its limiter) and the jitter before each message: what the sender uses and
 *  what the notice planner estimates with. */
export interface SendPace {
  messagesPerSec: number
  jitterMs: number
}

export const DEFAULT_SEND_PACE: SendPace = { messagesPerSec: 1, jitterMs: 300 }
