// A location or photo an activity is waiting for, taken before the attachments router: a sign-in's location (checked
// against the radius) or photo, or the place of an activity its organiser just created. A resident's too.
import type { AttachmentHandler } from '../../pipeline/command.ts'
import { attachActivityLocation, attachActivityPhoto, evidenceText } from './attendance.service.ts'

export async function claimActivityEvidence(ctx: Parameters<AttachmentHandler>[0]): Promise<boolean> {
  const { args, member, msg } = ctx
  if (args.kind === 'location' && args.location) {
    const e = await attachActivityLocation(ctx.work, { wxid: msg.talkerId, memberId: member?.id ?? null }, args.location)
    if (e) ctx.reply(evidenceText(e), { mention: true })
    return !!e
  }
  if (args.kind !== 'image' || !args.mediaRef || args.mediaMissing) return false
  const e = await attachActivityPhoto(
    ctx.work,
    { wxid: msg.talkerId, memberId: member?.id ?? null, roomId: ctx.room.id },
    {
      accountId: msg.accountId,
      messageId: msg.messageId,
      path: args.mediaRef,
    },
  )
  if (e) ctx.reply(evidenceText(e), { mention: true })
  return !!e
}
