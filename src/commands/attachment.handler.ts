import { formatLocal } from '../core/time.ts'
import { attachLocation, recordMedia } from '../domain/checkin/checkin.service.ts'
import { attachLateEvidence } from '../domain/task/task.service.ts'
import { taskTexts } from '../domain/task/task.texts.ts'
import type { AttachmentHandler } from '../pipeline/command.ts'

/** Locations and images from members: not commands, but they belong to what the member just reported. */
export const handleAttachment: AttachmentHandler = async (ctx) => {
  const { args, member, room } = ctx
  if (args.kind === 'location' && args.location) {
    const c = await attachLocation(ctx.work, member.id, room.id, args.location)
    if (c) ctx.reply(`📍 位置已附加到 ${formatLocal(c.at, false)} 的签到:${args.location.address}`, { mention: true })
    return
  }
  if (args.kind === 'image' && args.mediaPath) {
    await recordMedia(ctx.work, { memberId: member.id, roomId: room.id, accountId: ctx.msg.accountId, messageId: ctx.msg.messageId, path: args.mediaPath })
    const task = await attachLateEvidence(ctx.work, member.id, ctx.now)
    if (task) ctx.reply(taskTexts.evidenceAttached(task), { mention: true })
  }
}
