// The Chinese texts of `gridbot outbox failed|retry`.
import { formatLocal } from '../core/time.ts'

export const outboxTexts = {
  failedHeader: (n: number) => (n ? `未送达的消息 ${n} 条(gridbot outbox retry 全部补发,或在其后写 key 补发其中几条):` : '没有未送达的消息。'),
  failedLine: (r: { key: string; accountId: string; roomId: string; text: string; createdAt: Date; failedAt: Date | null; failReason: string | null }) =>
    `${r.key}\t${r.accountId}\t${r.roomId}\t${formatLocal(r.createdAt)}\t${r.failedAt ? formatLocal(r.failedAt) : ''}\t${r.failReason ?? ''}\t${r.text.replace(/\s+/g, ' ').slice(0, 40)}`,
  retried: (n: number) => (n ? `已重新排队 ${n} 条消息,由网关按账号节奏补发。` : '没有需要补发的消息。'),
}
