import type { OutboundMessage } from './message.ts'

/** Where handlers' replies go. Implemented by outbound/ (BullMQ) and by tests (a recording outbox). */
export interface Outbox {
  /** `key` makes the send idempotent: the same key is sent once. */
  send(message: OutboundMessage, key: string): Promise<void>
}
