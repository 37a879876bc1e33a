// Tasks' claims on an image (kernel/attachments.ts): a completed task's evidence (a member's, within minutes of
// #完成), and a need's photo (whoever raised it, a resident too). As recent as each other: the task's, then a
// 六个一's, then the need's.
import type { AttachmentClaim, AttachmentSender } from '../../kernel/attachments.ts'
import { attachLateEvidence, attachNeedImage, recentCompletionAt, recentNeedAt } from './task-evidence.ts'
import { needTexts, taskTexts } from './task.texts.ts'

const sender = (who: AttachmentSender) => ({ wxid: who.wxid, memberId: who.memberId, roomId: who.room.id })

export const taskEvidenceClaim: AttachmentClaim = {
  kind: 'image',
  rank: 1,
  recentAt: (w, who) => (who.memberId ? recentCompletionAt(w, who.memberId) : Promise.resolve(0)),
  async take(w, who) {
    if (!who.memberId) return null
    const task = await attachLateEvidence(w, who.memberId, w.now)
    // The last word: nothing else is asked after a completed task's.
    return task ? [taskTexts.evidenceAttached(task)] : []
  },
}

export const needImageClaim: AttachmentClaim = {
  kind: 'image',
  rank: 3,
  recentAt: (w, who) => recentNeedAt(w, sender(who)),
  async take(w, who) {
    const need = await attachNeedImage(w, sender(who))
    return need ? [needTexts.imageAttached(need.need, need.count)] : null
  },
}
