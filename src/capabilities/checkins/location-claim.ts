// Check-ins' claim on a location (kernel/attachments.ts): one sent soon after a member's check-in is its place,
// unless a hazard report of theirs is as recent.
import type { AttachmentClaim } from '../../kernel/attachments.ts'
import { attachLocation, recentCheckinAt } from './checkin.service.ts'
import { locationClaimTexts } from './location-claim.texts.ts'

export const checkinLocationClaim: AttachmentClaim = {
  kind: 'location',
  rank: 1,
  recentAt: (w, who) => (who.memberId ? recentCheckinAt(w, who.memberId, who.room.id) : Promise.resolve(0)),
  async take(w, who, { location }) {
    if (!who.memberId || !location) return null
    const c = await attachLocation(w, who.memberId, who.room.id, location)
    // The last word: nothing else is asked after a check-in's location.
    return c ? [locationClaimTexts.attached(c.at, location.address)] : []
  },
}
