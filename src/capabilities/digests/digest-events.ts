// What a scheduled digest tells other systems (the digest.ready event, webhooks): its unit, period and headline
// counts. A digest holds only counts and unit names, so nothing here is personal.
import type { DomainEventMap } from '../../kernel/work.ts'
import type { DigestCounts } from './digest.types.ts'

export function digestReady(unitId: number, c: DigestCounts): DomainEventMap['digest.ready'] {
  const checkins = Object.values(c.checkinsByType).reduce((a, b) => a + b, 0)
  return {
    unitId,
    kind: c.period.kind,
    from: c.period.from,
    to: c.period.to,
    late: c.late,
    counts: { checkins, tasks: { ...c.tasks }, hazards: { ...c.hazards } },
  }
}
