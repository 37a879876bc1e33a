// Images that become part of a need or a task: sent with #完成 or within 5 minutes after it (a completed task's
// evidence), or sent in a need's group within 5 minutes after #需求 by whoever raised it (a resident's photo of the
// broken lamp). The attachments router asks here; an image neither claims stays recorded, never dropped.
import type { Work } from '../../kernel/work.ts'
import { taskRepo } from './task.repo.ts'

export const EVIDENCE_WINDOW_MS = 5 * 60_000

/** When the member last completed a task, if within the evidence window (0: not): images after it may be its. */
export async function recentCompletionAt(w: Work, memberId: number): Promise<number> {
  return (await taskRepo.recentlyCompletedBy(w.db, memberId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS)))?.closedAt?.getTime() ?? 0
}

/** An image a member sends within 5 minutes after completing a task becomes its evidence. */
export async function attachLateEvidence(w: Work, memberId: number, mediaAt: Date) {
  const task = await taskRepo.recentlyCompletedBy(w.db, memberId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS))
  if (!task) return null
  await taskRepo.attachEvidence(w.db, memberId, task.id, mediaAt, mediaAt)
  await taskRepo.addEvent(w.db, { taskId: task.id, at: w.now, kind: 'evidence', actorId: memberId })
  return task
}

type Sender = { wxid: string; memberId: number | null; roomId: number }

/** When the sender last raised a need in this room that still waits, if within the window (0: not). */
export async function recentNeedAt(w: Work, who: Sender): Promise<number> {
  return (await taskRepo.latestNeedBy(w.db, who, who.roomId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS)))?.createdAt.getTime() ?? 0
}

/** The sender's images since their latest need (within 5 minutes) become that need's; how many it has now. */
export async function attachNeedImage(w: Work, who: Sender) {
  const need = await taskRepo.latestNeedBy(w.db, who, who.roomId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS))
  if (!need) return null
  const n = await taskRepo.attachNeedMedia(w.db, need.id, who.wxid, who.roomId, need.createdAt, w.now)
  if (!n) return null
  return { need, count: await taskRepo.countNeedImages(w.db, need.id) }
}
