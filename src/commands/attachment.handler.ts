import { attachLocation } from '../domain/checkin/checkin.service.ts'
import { checkinRepo } from '../domain/checkin/checkin.repo.ts'
import { formatLocal } from '../core/time.ts'
import { attachLateEvidence } from '../domain/task/task.service.ts'
import type { MessageContext } from '../pipeline/context.ts'

/** Locations and images from members: not commands, but they belong to what the member just reported. */
export async function handleAttachment(ctx: MessageContext): Promise<void> {
  const { msg, member, room } = ctx
  if (!member || !room) return
  if (msg.kind === 'location' && msg.location) {
    const c = await attachLocation(ctx.db, member.id, room.id, ctx.now, msg.location)
    if (c) ctx.reply(`📍 位置已附加到 ${formatLocal(c.at, false)} 的签到:${msg.location.address}`, { mention: true })
    return
  }
  if (msg.kind === 'image' && msg.mediaPath) {
    await checkinRepo.recordMedia(ctx.db, { memberId: member.id, roomId: room.id, accountId: msg.accountId, messageId: msg.messageId, kind: 'image', path: msg.mediaPath, at: ctx.now })
    const task = await attachLateEvidence(ctx.db, member.id, ctx.now, ctx.now)
    if (task) ctx.reply(`📷 图片已作为 T${task.number} 的完成凭证。`, { mention: true })
  }
}
