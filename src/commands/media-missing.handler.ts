// An image whose bytes the gateway could not fetch or keep: the sender hears that it did not come through and is asked
// to send it again, and the admins' group is told once a day per cause (the outbox key makes it once, whichever worker
// handles which message). The message itself stays recorded in the inbox with the cause.
import { jobId } from '../core/ids.ts'
import type { MediaCause } from '../core/message.ts'
import { adminRoom } from '../domain/account/account-status.service.ts'
import type { AttachmentHandler } from '../pipeline/command.ts'

const WHY: Record<MediaCause, string> = {
  disk_full: '服务器存储空间已满',
  not_writable: '服务器的图片目录不可写',
  store_error: '图片存储出错',
  fetch_failed: '图片没能从微信下载',
}

export const mediaMissingTexts = {
  sender: (cause: MediaCause) => `📷 刚才的照片没有收到(${WHY[cause]}),请稍后重新发送一次。`,
  admins: (cause: MediaCause) =>
    `⚠️ 图片未能保存:${WHY[cause]}。收到的照片已记下发送人并请其重发;请检查图片存储(/readyz 的 media 项,gridbot_media_missing_total)。`,
}

type Ctx = Parameters<AttachmentHandler>[0]

export async function tellMediaMissing(ctx: Ctx, cause: MediaCause): Promise<void> {
  ctx.log.warn({ msgId: ctx.msg.messageId, room: ctx.msg.roomId, cause }, 'image missing: sender asked to resend')
  ctx.reply(mediaMissingTexts.sender(cause), { mention: true })
  const admins = await adminRoom(ctx.work.db)
  if (!admins?.wxRoomId) return
  const day = Math.floor(ctx.now.getTime() / 86_400_000)
  ctx.post({ accountId: admins.accountId, roomId: admins.wxRoomId, text: mediaMissingTexts.admins(cause), mentionIds: [] }, jobId('media-missing', cause, day))
}
