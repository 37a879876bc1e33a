import { offerAttachment, recentClaims, type AttachmentSender } from '../../kernel/attachments.ts'
import type { AttachmentRouter } from '../capability.ts'
import { tellMediaMissing } from './media-missing.handler.ts'
import { recordMedia } from './media.service.ts'

/**
 * Locations and images: not commands, but they belong to what their sender just did in this group — a check-in,
 * a hazard report or its resolution, a need just raised, a task just completed, a 六个一 item just recorded. Each
 * capability declares its claims; the most recent wins. A resident's (a guest's) count only for a hazard report or a
 * need they just made; otherwise they are not recorded.
 */
export const handleAttachment: AttachmentRouter = async (ctx, claims) => {
  const { args, member, room, msg } = ctx
  const who: AttachmentSender = { wxid: msg.talkerId, memberId: member?.id ?? null, room, messageId: msg.messageId }
  if (args.kind === 'location' && args.location) {
    const replies = await offerAttachment(ctx.work, await recentClaims(ctx.work, claims, 'location', who), who, args.location)
    for (const text of replies ?? []) ctx.reply(text, { mention: true })
    return
  }
  if (args.kind !== 'image') return
  const ranked = await recentClaims(ctx.work, claims, 'image', who)
  if (!member && ranked.length === 0) return
  if (args.mediaMissing) return tellMediaMissing(ctx, args.mediaMissing)
  if (!args.mediaRef) return
  await recordMedia(ctx.work, {
    wxid: who.wxid,
    memberId: who.memberId,
    roomId: room.id,
    accountId: msg.accountId,
    messageId: msg.messageId,
    path: args.mediaRef,
  })
  for (const text of (await offerAttachment(ctx.work, ranked, who)) ?? []) ctx.reply(text, { mention: true })
}
