// A location or image sent in a group is no command: it belongs to what its sender just did there (a check-in, a
// hazard report or its resolution, a need raised, a task completed, a 六个一 item recorded). Each capability that
// may own one declares a claim (its Capability's `attachmentClaims`); the attachments router asks the claims with
// something recent, the most recent first, until one takes it. Capabilities never ask each other.
import type { BoundRoom } from './org/org.types.ts'
import type { Work } from './work.ts'

export type AttachmentKind = 'location' | 'image'

export interface AttachmentLocation {
  latitude: number
  longitude: number
  address: string
}

/** Who sent it, where. A resident (a guest) has no member id: only what they may own (a report, a need) claims it. */
export interface AttachmentSender {
  wxid: string
  memberId: number | null
  room: BoundRoom
  messageId: string
}

export interface AttachmentClaim {
  kind: AttachmentKind
  /** Among claims equally recent, the lower rank is asked first. */
  rank: number
  /** When the sender last did here what this attachment may belong to (ms since the epoch; 0: nothing recent). */
  recentAt(w: Work, who: AttachmentSender): Promise<number>
  /**
   * Takes it: the replies to the sender ([] when there is nothing to say), or null when it is not this claim's after
   * all and the next one is asked. `notBefore`: the latest time of the other claims (what came after it wins).
   */
  take(w: Work, who: AttachmentSender, input: { notBefore: number; location?: AttachmentLocation }): Promise<string[] | null>
}

/** A claim with something recent, and the latest time of the others. */
export interface RankedClaim {
  claim: AttachmentClaim
  notBefore: number
}

/** The claims with something recent, in the order they are asked: the most recent first, ties by rank. Pure. */
export function rankClaims(timed: { claim: AttachmentClaim; at: number }[]): RankedClaim[] {
  const live = timed.filter((t) => t.at > 0).sort((a, b) => b.at - a.at || a.claim.rank - b.claim.rank)
  return live.map((t) => ({ claim: t.claim, notBefore: Math.max(0, ...timed.filter((o) => o !== t).map((o) => o.at)) }))
}

/** The claims of one kind that have something recent for this sender, ranked. */
export async function recentClaims(w: Work, claims: readonly AttachmentClaim[], kind: AttachmentKind, who: AttachmentSender): Promise<RankedClaim[]> {
  const timed: { claim: AttachmentClaim; at: number }[] = []
  for (const claim of claims) if (claim.kind === kind) timed.push({ claim, at: await claim.recentAt(w, who) })
  return rankClaims(timed)
}

/** Asks the ranked claims in turn: the replies of the first that takes it, or null when none did. */
export async function offerAttachment(w: Work, ranked: RankedClaim[], who: AttachmentSender, location?: AttachmentLocation): Promise<string[] | null> {
  for (const { claim, notBefore } of ranked) {
    const replies = await claim.take(w, who, location ? { notBefore, location } : { notBefore })
    if (replies) return replies
  }
  return null
}
