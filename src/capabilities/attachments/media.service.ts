// An image kept: recorded before any capability claims it, so none is lost when nobody does.
import type { Work } from '../../kernel/work.ts'
import { mediaRepo } from './media.repo.ts'

export async function recordMedia(w: Work, m: { memberId: number | null; wxid: string; roomId: number; accountId: string; messageId: string; path: string }) {
  await mediaRepo.record(w.db, { ...m, kind: 'image', at: w.now })
}
