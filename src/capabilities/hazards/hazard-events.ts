// The domain events hazards publish (webhooks subscribe): reported, acknowledged, resolved, verified. A unit of work without
// events (a test's bare Work) publishes nothing; every path the bot runs (commands, the open API) has them.
import { publish, type EventName } from '../../kernel/events.ts'
import type { Work } from '../../kernel/work.ts'
import { hazardId } from './hazard.texts.ts'
import type { Hazard, HazardStatus } from './hazard.types.ts'

type HazardEventName = Extract<EventName, `hazard.${string}`>

export async function hazardChanged(w: Work, name: HazardEventName, h: Hazard, status: HazardStatus, note: string | null = null, how?: string): Promise<void> {
  if (!w.events) return
  const { id, number, category, priority, description, unitId, reportUnitId } = h
  await publish(w, name, {
    hazard: { id, number, category, status, priority, description, unitId, reportUnitId },
    ref: hazardId(h),
    note,
    ...(how ? { how } : {}),
  })
}
