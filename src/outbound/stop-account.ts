// A gateway that lost an account's lease stops serving it: its puppet, its sender and its link gate go, and its later
// states are no longer recorded (the new holder's are the account's now).
import type { Worker } from 'bullmq'
import type { Logger } from '../core/logger.ts'
import { outboundQueueName } from '../jobs/queues.ts'
import type { ChatTransport } from '../transport/transport.ts'
import type { AccountWatch } from './account-watch.ts'
import type { Canary } from './canary.ts'
import type { LinkGate } from './link-gate.ts'

export async function stopAccount(o: {
  accountId: string
  transports: ChatTransport[]
  workers: Worker[]
  gates: LinkGate[]
  watch: AccountWatch
  canary: Canary
  log: Logger
}): Promise<void> {
  o.watch.unwatch(o.accountId)
  o.canary.unwatch(o.accountId)
  const t = o.transports.findIndex((x) => x.accountId === o.accountId)
  const transport = t >= 0 ? o.transports.splice(t, 1)[0] : undefined
  const w = o.workers.findIndex((x) => x.name === outboundQueueName(o.accountId))
  const sender = w >= 0 ? (o.workers.splice(w, 1)[0] as Worker & { gate?: LinkGate }) : undefined
  if (sender?.gate) {
    sender.gate.close()
    o.gates.splice(o.gates.indexOf(sender.gate), 1)
  }
  await Promise.all([
    transport?.stop().catch((err) => o.log.warn({ err }, 'transport stop failed')),
    sender?.close().catch((err) => o.log.warn({ err }, 'sender close failed')),
  ])
  o.log.warn({ account: o.accountId }, 'account no longer served here (another gateway holds its lease); standing by')
}
