// Projects' claim on an image (kernel/attachments.ts): one a member sends within minutes of a #六个一 record is its
// evidence (after a hazard's or a completed task's when as recent).
import type { AttachmentClaim } from '../../kernel/attachments.ts'
import { attachSixEvidence, recentSixAt } from './six.service.ts'
import { sixTexts } from './project.texts.ts'

export const sixEvidenceClaim: AttachmentClaim = {
  kind: 'image',
  rank: 2,
  recentAt: (w, who) => (who.memberId ? recentSixAt(w, who.memberId, who.room.id) : Promise.resolve(0)),
  async take(w, who) {
    if (!who.memberId) return null
    const six = await attachSixEvidence(w, who.memberId, who.room.id, w.now)
    // The last word: nothing else is asked after a 六个一's.
    return six ? [sixTexts.evidenceAttached(six.kind)] : []
  },
}
