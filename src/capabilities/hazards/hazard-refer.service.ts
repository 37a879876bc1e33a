// #转办 H3 物业 说明 (routing outside the tree, issue #28): the handlers of a hazard refer it to a body that is not in
// the org tree (a property manager, a utility) by the name its endpoint was registered under (`gridbot webhooks add
// --body 物业`). It is recorded as 处置 (in progress, escalation stopped, watchers told) and the hazard.referred event
// carries it to that body, masked; a body unknown to the unit's subscriptions refuses the whole command.
import type { HazardOp, HazardRef } from './hazard.service.ts'
import { progressHazard } from './hazard.service.ts'
import { hazardReferred } from './hazard-events.ts'
import { hazardReferTexts } from './hazard-refer.texts.ts'

export async function referHazard(op: HazardOp, ref: HazardRef, body: string, note: string) {
  const r = await progressHazard(op, ref, hazardReferTexts.progressNote(body, note))
  await hazardReferred(op, r.hazard, body, note || null)
  return { ...r, body }
}
