// A pasted list of tasks (issue #23, as #需求 does): "#任务" followed by several items, one a line or numbered, each
// with its own options (紧急, 截止 …, @成员). One task each, one reply with all the ids. The list reader is the
// parser's (src/parser/list-items.ts); a single item is an ordinary #任务.
import { listItems, MAX_ITEMS } from '../../parser/list-items.ts'
import { parseDeadline } from '../../parser/deadline.ts'
import { parseTaskArgs } from '../../parser/task-args.ts'
import { ok, problem, type CommandContext, type ParseResult } from '../../pipeline/command.ts'
import { createTask } from './task-create.ts'
import { mentioned, taskOp } from './task-support.ts'
import { taskTexts } from './task.texts.ts'

export interface PastedTask {
  title: string
  urgent: boolean
  deadline: Date | null
  deadlineText: string | null
  names: string[]
}

/** The items of a pasted #任务 list, each parsed; null when the text is one task (not a list). */
export function parsePastedTasks(text: string, now: Date): ParseResult<PastedTask[]> | null {
  const items = listItems(text)
  if (!items) return null
  if (items.length > MAX_ITEMS) return problem(taskTexts.tooMany(items.length, MAX_ITEMS))
  const tasks: PastedTask[] = []
  for (const [i, item] of items.entries()) {
    const a = parseTaskArgs(item.split(/\s+/))
    if (!a.title) return problem(taskTexts.pastedItemProblem(i + 1, taskTexts.noTitle()))
    let deadline: Date | null = null
    if (a.deadlineText !== null) {
      const d = parseDeadline(a.deadlineText, now)
      if (!d.ok) return problem(taskTexts.pastedItemProblem(i + 1, d.problem))
      deadline = d.at
    }
    tasks.push({ title: a.title, urgent: a.urgent, deadline, deadlineText: a.deadlineText, names: a.mentionNames })
  }
  return ok(tasks)
}

/** Creates each task in the command's transaction (all or none) and answers once, @-ing everyone asked to claim. */
export async function createPastedTasks(ctx: CommandContext<unknown>, items: PastedTask[]): Promise<void> {
  const made = []
  const ids = new Set<string>()
  for (const a of items) {
    const notify = await mentioned(ctx, a.names)
    const task = await createTask(taskOp(ctx), { title: a.title, urgent: a.urgent, deadline: a.deadline, notify })
    made.push({ task, deadline: a.deadline, notifyNames: notify.map((m) => m.name) })
    for (const m of notify) ids.add(m.wxid)
  }
  ctx.reply(taskTexts.createdMany(made), { mentionIds: [...ids], urgent: items.some((a) => a.urgent) })
}
