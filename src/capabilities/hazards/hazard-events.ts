// The domain events hazards publish (webhooks subscribe): reported, acknowledged, resolved, verified. A unit of work without
// events (a test's bare Work) publishes nothing; every path the bot runs (commands, the open API) has them.
import { publish, type EventName, type EventNotes } from '../../kernel/events.ts'
import type { Work } from '../../kernel/work.ts'
import { hazardId } from './hazard.texts.ts'
import type { Hazard, HazardStatus } from './hazard.types.ts'

type HazardEventName = Exclude<Extract<EventName, `hazard.${string}`>, 'hazard.referred' | 'hazard.verified'>

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

/** Referred to a body outside the tree by name (#转办): the webhooks deliver it to that body, or refuse an unknown one. */
export async function hazardReferred(w: Work, h: Hazard, body: string, note: string | null): Promise<void> {
  if (!w.events) return
  const { id, number, category, priority, description, unitId, reportUnitId } = h
  const hazard = { id, number, category, status: 'in_progress', priority, description, unitId, reportUnitId }
  await publish(w, 'hazard.referred', { hazard, ref: hazardId(h), note, body })
}

/** Verified (by its reporter, a supervisor, or the timeout): points pays a member reporter; its notes come back. */
export async function hazardVerified(w: Work, h: Hazard, status: HazardStatus, how: string): Promise<EventNotes> {
  if (!w.events) return []
  const { id, number, category, priority, description, unitId, reportUnitId } = h
  return publish(w, 'hazard.verified', {
    hazard: { id, number, category, status, priority, description, unitId, reportUnitId },
    ref: hazardId(h),
    note: null,
    how,
    reporterMemberId: h.reporterMemberId,
  })
}
