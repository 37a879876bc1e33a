// A location or photo an activity is waiting for, taken before the attachments router: a sign-in's location (checked
// against the radius) or photo, the place of an activity its organiser just created, or a photo of an activity just
// closed (its evidence). A resident's too.
import type { AttachmentHandler } from '../../pipeline/command.ts'
import { activityTexts } from './activity.texts.ts'
import { attachActivityLocation, attachActivityPhoto, evidenceText } from './attendance.service.ts'
import { attachClosingPhoto } from './closing-photos.service.ts'

export async function claimActivityEvidence(ctx: Parameters<AttachmentHandler>[0]): Promise<boolean> {
  const { args, member, msg } = ctx
  if (args.kind === 'location' && args.location) {
    const e = await attachActivityLocation(ctx.work, { wxid: msg.talkerId, memberId: member?.id ?? null }, args.location)
    if (e) ctx.reply(evidenceText(e), { mention: true })
    return !!e
  }
  if (args.kind !== 'image' || !args.mediaRef || args.mediaMissing) return false
  const who = { wxid: msg.talkerId, memberId: member?.id ?? null, roomId: ctx.room.id }
  const photo = { accountId: msg.accountId, messageId: msg.messageId, path: args.mediaRef }
  const e = await attachActivityPhoto(ctx.work, who, photo)
  if (e) {
    ctx.reply(evidenceText(e), { mention: true })
    return true
  }
  const closing = await attachClosingPhoto(ctx.work, who, photo)
  if (closing) ctx.reply(activityTexts.closingPhoto(closing.activity, closing.count))
  return !!closing
}
