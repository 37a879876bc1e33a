// Hazards' claims on a location or image (kernel/attachments.ts): one sent right after a report is the report's
// (asked before a check-in's, a task's, a need's or a 六个一's when as recent); an image right after #办结 H… is its
// after-image.
import type { AttachmentClaim } from '../../kernel/attachments.ts'
import { attachHazardImage, attachHazardLocation, recentHazardAt } from './hazard.service.ts'
import { duplicateQuestion } from './hazard-support.ts'
import { hazardTexts } from './hazard.texts.ts'

export const hazardLocationClaim: AttachmentClaim = {
  kind: 'location',
  rank: 0,
  recentAt: (w, who) => recentHazardAt(w, { ...who, roomId: who.room.id }, false),
  async take(w, who, { notBefore, location }) {
    if (!location) return null
    const r = await attachHazardLocation(w, who, location, who.messageId, notBefore)
    if (!r) return null
    const located = hazardTexts.locationAttached(r.hazard, location.address)
    return r.duplicate ? [located, duplicateQuestion(who, r.hazard, r.duplicate, null)] : [located]
  },
}

export const hazardImageClaim: AttachmentClaim = {
  kind: 'image',
  rank: 0,
  recentAt: (w, who) => recentHazardAt(w, { ...who, roomId: who.room.id }, true),
  async take(w, who, { notBefore }) {
    const r = await attachHazardImage(w, { ...who, roomId: who.room.id }, who.messageId, notBefore)
    if (!r) return null
    return [r.kind === 'after' ? hazardTexts.afterImage(r.hazard) : hazardTexts.imageAttached(r.hazard, r.count)]
  },
}
