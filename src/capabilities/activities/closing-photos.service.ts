// Photos that become a closed activity's evidence: sent in its group (the one it was made in, or where the sender
// signed up) within 5 minutes after `#活动 A3 结束`, by its organiser or someone who attended. Kept as media with the
// activity's id; a photo no activity takes goes on to the attachments router (recorded, never dropped).
import type { Work } from '../../kernel/work.ts'
import { activityRepo } from './activity.repo.ts'
import { EVIDENCE_WINDOW_MS, type Activity } from './activity.types.ts'

type Sender = { wxid: string; memberId: number | null; roomId: number }
type Photo = { accountId: string; messageId: string; path: string }

/** The activity this sender's photo is evidence of, if any (the latest closed within the window). */
async function closedFor(w: Work, who: Sender): Promise<Activity | null> {
  const recent = await activityRepo.closedSince(w.db, who.roomId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS))
  for (const a of recent) {
    if (who.memberId !== null && a.organiserId === who.memberId) return a
    const s = await activityRepo.signup(w.db, a.id, who.wxid)
    if (s?.status === 'signed' && s.attendedAt) return a
  }
  return null
}

/** Keeps the photo as a just-closed activity's evidence: the activity and how many photos it has now (null: none). */
export async function attachClosingPhoto(w: Work, who: Sender, photo: Photo): Promise<{ activity: Activity; count: number } | null> {
  const activity = await closedFor(w, who)
  if (!activity) return null
  await activityRepo.keepPhoto(w.db, { ...who, ...photo, at: w.now, activityId: activity.id })
  return { activity, count: (await activityRepo.photoCounts(w.db, [activity.id])).get(activity.id) ?? 0 }
}
