// An image whose bytes the gateway could not fetch or keep: the sender hears that it did not come through and is asked
// to send it again, and the admins' group is told once a day per cause (the outbox key makes it once, whichever worker
// handles which message). The message itself stays recorded in the inbox with the cause.
import { jobId } from '../../core/ids.ts'
import type { MediaCause } from '../../core/message.ts'
import { adminRoom } from '../../domain/account/account-status.service.ts'
import type { AttachmentHandler } from '../../pipeline/command.ts'
import { mediaMissingTexts } from './media-missing.texts.ts'

type Ctx = Parameters<AttachmentHandler>[0]

export async function tellMediaMissing(ctx: Ctx, cause: MediaCause): Promise<void> {
  ctx.log.warn({ msgId: ctx.msg.messageId, room: ctx.msg.roomId, cause }, 'image missing: sender asked to resend')
  ctx.reply(mediaMissingTexts.sender(cause), { mention: true })
  const admins = await adminRoom(ctx.work.db)
  if (!admins?.wxRoomId) return
  const day = Math.floor(ctx.now.getTime() / 86_400_000)
  ctx.post({ accountId: admins.accountId, roomId: admins.wxRoomId, text: mediaMissingTexts.admins(cause), mentionIds: [] }, jobId('media-missing', cause, day))
}
