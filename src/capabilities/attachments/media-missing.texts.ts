// What the sender and the admins are told when an image could not be kept.
import type { MediaCause } from '../../core/message.ts'

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
