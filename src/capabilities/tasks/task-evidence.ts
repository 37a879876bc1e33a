// Photos as evidence of a completed task: sent with #完成 or within 5 minutes after it.
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
