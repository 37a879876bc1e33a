// What the composition root takes from the capability list: timer handlers and the sweeper's sources, the outbox
// marks, the domain events, the policy slices, the gauges. Nothing here names a capability.
import type { Clock } from '../core/clock.ts'
import type { Metrics } from '../core/metrics.ts'
import type { SendPace } from '../core/ports.ts'
import type { Db, DbOrTx } from '../db/client.ts'
import { CAPABILITIES } from '../capabilities/index.ts'
import type { TimerRun } from '../capabilities/capability.ts'
import { DomainEvents } from '../kernel/events.ts'
import type { PolicySlice } from '../kernel/policy/slice.ts'
import type { TimerSource } from '../kernel/timers/sweeper.ts'
import type { TimerDeps } from '../kernel/timers/timer-step.ts'

/** Every capability's subscribers, in the list's order (the order their notes appear in a reply). */
export const domainEvents = new DomainEvents(CAPABILITIES.flatMap((c) => c.events?.subscribes ?? []))

/** Every capability's slice of the org file's `policies:` (validated and stored by the org import). */
export const policySlices: readonly PolicySlice[] = CAPABILITIES.flatMap((c) => (c.policy ? [c.policy] : []))

/** Every timer kind's handler; two capabilities claiming one kind is a fault found at start-up. */
export function timerHandlers(deps: TimerDeps & { pace?: SendPace; webhookAllowLocal?: boolean }): Record<string, TimerRun> {
  const all: Record<string, TimerRun> = {}
  for (const c of CAPABILITIES)
    for (const [kind, run] of Object.entries(c.timers?.handlers(deps) ?? {})) {
      if (all[kind]) throw new Error(`timer kind ${kind} is declared twice (capability ${c.name})`)
      all[kind] = run
    }
  return all
}

export const timerSources = (clock: Clock): TimerSource[] => CAPABILITIES.flatMap((c) => c.timers?.sources(clock) ?? [])

const prefixOf = (key: string) => key.slice(0, key.indexOf('|'))

/** Whether a capability hears when this post is sent (a notice's delivery, an escalation's delivered event). */
export const heardWhenSent = (key: string): boolean => CAPABILITIES.some((c) => c.outbox?.onSent !== undefined && prefixOf(key) === c.outbox.keyPrefix)

/** The sender's marks, passed on to the capability whose posts they are (by the outbox key's prefix). */
export async function postsSent(db: DbOrTx, keys: string[], fresh: string[], at: Date): Promise<void> {
  for (const c of CAPABILITIES) {
    const o = c.outbox
    if (!o?.onSent) continue
    const ours = (k: string) => prefixOf(k) === o.keyPrefix
    await o.onSent(db, { keys: keys.filter(ours), fresh: fresh.filter(ours) }, at)
  }
}

export async function postFailed(db: DbOrTx, key: string, reason: string, at: Date): Promise<void> {
  for (const c of CAPABILITIES) if (c.outbox?.onFailed && prefixOf(key) === c.outbox.keyPrefix) await c.outbox.onFailed(db, key, reason, at)
}

export function registerCapabilityMetrics(metrics: Metrics, prisma: Db, clock: Clock): void {
  for (const c of CAPABILITIES) c.metrics?.(metrics, prisma, clock)
}
