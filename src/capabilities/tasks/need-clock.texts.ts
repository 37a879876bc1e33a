// The Chinese of a need's clock (issue #22): the nudge in its own group, the posts up the tree, and what the rooms
// it reached hear when it is accepted, turned into a task or closed.
import { formatWait } from '../../kernel/texts/wait.texts.ts'

type NeedShown = { number: number; description: string; status: string }

const MAX_SHOWN = 24
const short = (d: string) => {
  const chars = [...d.replace(/\s+/g, ' ')]
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : chars.join('')
}
const pending = (n: NeedShown) => n.status === 'pending'

export const needClockTexts = {
  /** Level 0, in the need's own group. A resident's words are not repeated there (the group holds other residents). */
  nudge: (n: NeedShown, waited: number) =>
    pending(n)
      ? `⏰ 居民需求 N${n.number} 已等待${formatWait(waited)}未确认。采纳:#采纳 N${n.number};不采纳:#关闭 N${n.number} 理由`
      : `⏰ 需求 N${n.number}「${short(n.description)}」已${formatWait(waited)}未转为任务。转为任务:#任务 转 N${n.number} [@成员];已解决或不办:#关闭 N${n.number} 理由`,
  /** Level 1 and up, in the groups of the units above (masked by the caller). */
  escalated: (n: NeedShown, a: { level: number; unitName: string; waited: number }) =>
    `⚠️ 上报(第${a.level}级):${a.unitName} 需求 N${n.number}「${short(n.description)}」${pending(n) ? `已等待${formatWait(a.waited)}未确认` : `已${formatWait(a.waited)}未转为任务`}。\n可发送 #任务 转 N${n.number} @某人 派下去,或 #关闭 N${n.number} 理由`,
  reachedAccepted: (n: Pick<NeedShown, 'number'>, unitName: string) => `✅ ${unitName} 需求 N${n.number} 已采纳,列入需求清单。`,
  reachedConverted: (n: Pick<NeedShown, 'number'>, unitName: string, taskNumber: number) => `✅ ${unitName} 需求 N${n.number} 已转为任务 T${taskNumber}。`,
  reachedClosed: (n: Pick<NeedShown, 'number'>, unitName: string, reason: string) => `✅ ${unitName} 需求 N${n.number} 已关闭:${reason}。`,
}
