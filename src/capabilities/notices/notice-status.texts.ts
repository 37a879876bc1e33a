// #通知 状态 rendered (issue #23): one message of at most ~800 characters at any scale, from the view the service
// reads (notice-status.types.ts); every line's wording is noticeTexts'.
import { noticeTexts } from './notice.texts.ts'
import { fitLines } from './notice-tally.ts'
import type { NoticeStatusView, StatusRoomLine } from './notice-status.types.ts'

/** A reply's limit (the developers' guide: ≤ ~800 characters). */
export const STATUS_LIMIT = 800

const line = (r: StatusRoomLine) => ('waitingFor' in r ? noticeTexts.waitingLine(r.topic, r.waitingFor) : noticeTexts.statusLine(r.topic, r.status, r.d))

export function renderNoticeStatus(v: NoticeStatusView): string {
  const [title, sla] = noticeTexts.statusHead(v.notice, v.plan)
  if (v.kind === 'unacked') {
    const next = v.next ? noticeTexts.unackedNext(v.notice.number, v.next.unit, v.next.page) : null
    const out = fitLines(
      [title, noticeTexts.unackedHead(v.scope, v.total, v.page, v.pages)],
      v.rooms.map(line),
      STATUS_LIMIT - (next ? next.length + 1 : 0),
      noticeTexts.statusMore,
    )
    return [...out, ...(next ? [next] : [])].join('\n')
  }
  const lines: string[] = [noticeTexts.statusTally(v.tally, v.scope)]
  if (v.waiting) lines.push(noticeTexts.statusWaiting(v.waiting.topics, v.waiting.total, v.waiting.accounts))
  if (v.kind === 'rooms') return fitLines([title, ...lines, sla], v.rooms.map(line), STATUS_LIMIT, noticeTexts.statusMore).join('\n')
  const children = v.children.map((c) => noticeTexts.statusChild(c.name ?? noticeTexts.ownGroups(v.baseName), c.tally))
  const hint = noticeTexts.statusHint(v.notice.number)
  const out = fitLines([title, ...lines, sla], children, STATUS_LIMIT - hint.length - 1, noticeTexts.statusMore)
  return [...out, hint].join('\n')
}
