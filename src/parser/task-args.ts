// `#任务 <标题> [紧急] [截止 <时间>] [@成员 …]` → its parts. Pure: names are resolved to members elsewhere.
import { takeUrgency } from './urgency.ts'

export interface TaskArgs {
  title: string
  urgent: boolean
  deadlineText: string | null
  mentionNames: string[]
}

export function parseTaskArgs(argv: string[]): TaskArgs {
  const title: string[] = []
  const deadline: string[] = []
  const mentionNames: string[] = []
  let urgent = false
  let inDeadline = false
  for (const word of argv) {
    // 【紧急】修路灯: a mark glued to a word is cut off it.
    const glued = takeUrgency([word])
    if (glued.urgent) urgent = true
    const raw = glued.words[0] ?? ''
    if (!raw) {
      inDeadline = false
      continue
    }
    if (raw.startsWith('@')) {
      mentionNames.push(
        ...raw
          .split('@')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      inDeadline = false
    } else if (/^(截止|截至|期限)[::]?/.test(raw)) {
      inDeadline = true
      const rest = raw.replace(/^(截止|截至|期限)[::]?/, '')
      if (rest) deadline.push(rest)
    } else if (inDeadline) deadline.push(raw)
    else title.push(raw)
  }
  return { title: title.join(' ').trim(), urgent, deadlineText: inDeadline || deadline.length ? deadline.join(' ') : null, mentionNames }
}
