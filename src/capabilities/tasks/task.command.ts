import { taskCommandTexts } from './task.command.texts.ts'
import { taskCommandHelp } from './task.command.help.texts.ts'
import { createTask } from './task-create.ts'
import { taskHistory } from './task-history.ts'
import type { TaskRef } from './task-op.ts'
import { taskId, taskLine, taskTexts } from './task.texts.ts'
import { parseDeadline } from '../../parser/deadline.ts'
import { parseRef } from '../../parser/refs.ts'
import { parseTaskArgs } from '../../parser/task-args.ts'
import { ok, problem, type CommandContext, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { replyTaskList, wantsAll } from './task-list.command.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { mentioned, taskOp } from './task-support.ts'
import { unitNamed } from '../../kernel/org/org.service.ts'
import { UsageError } from '../../core/errors.ts'
import { createPastedTasks, parsePastedTasks, type PastedTask } from './task-paste.ts'
import { refAsTyped } from '../../kernel/org/city-refs.ts'

type NewTaskArgs = { title: string; urgent: boolean; deadline: Date | null; deadlineText: string | null; names: string[]; needNumber?: number }
type Args =
  | { kind: 'show'; ref: TaskRef; full: boolean }
  | { kind: 'list'; all: boolean }
  | { kind: 'create'; task: NewTaskArgs }
  | { kind: 'pasted'; tasks: PastedTask[] }

function parse(argv: string[], text: string, now: Date): ParseResult<Args> {
  if (!argv.length) return problem(taskCommandTexts.titleMissing)
  const ref = parseRef('T', argv[0])
  const full = taskCommandTexts.fullWords.includes(argv[1] ?? '')
  if (ref.ok && (argv.length === 1 || (argv.length === 2 && full))) return ok({ kind: 'show', ref: { number: ref.number, label: ref.label }, full })
  if (argv[0] === taskCommandTexts.listWord) return ok({ kind: 'list', all: wantsAll(argv[1]) })
  let needNumber: number | undefined
  let rest = argv
  if (argv[0] === taskCommandTexts.convertWord) {
    const n = parseRef('N', argv[1])
    if (!n.ok) return problem(taskCommandTexts.needNumberMissing)
    needNumber = n.number
    rest = argv.slice(2)
  }
  // A pasted list (several numbered or line-separated items): one task each (issue #23).
  const pasted = needNumber === undefined ? parsePastedTasks(text, now) : null
  if (pasted) return pasted.ok ? ok({ kind: 'pasted', tasks: pasted.args }) : pasted
  const a = parseTaskArgs(rest)
  if (!a.title && needNumber === undefined) return problem(taskCommandTexts.titleMissing)
  let deadline: Date | null = null
  if (a.deadlineText !== null) {
    const d = parseDeadline(a.deadlineText, now)
    if (!d.ok) return problem(d.problem)
    deadline = d.at
  }
  return ok({ kind: 'create', task: { title: a.title, urgent: a.urgent, deadline, deadlineText: a.deadlineText, names: a.mentionNames, needNumber } })
}

export const taskCommand: CommandDef<Args> = {
  access: 'member',
  name: taskCommandHelp.taskCommand.name,
  aliases: ['task'],
  summary: taskCommandHelp.taskCommand.summary,
  usage: taskCommandHelp.taskCommand.usage,
  example: taskCommandHelp.taskCommand.example,
  parse,
  async run(ctx) {
    const a = ctx.args
    if (a.kind === 'show') return show(ctx, a.ref, a.full)
    if (a.kind === 'list') return replyTaskList(ctx, a.all)
    if (a.kind === 'pasted') return createPastedTasks(ctx, a.tasks)
    return create(ctx, a.task)
  },
}

async function create(ctx: CommandContext<Args>, a: NewTaskArgs) {
  const { deadline } = a
  // `@华府社区5号网格` names a unit (the task is for it); every other @ is a person.
  const units = (await Promise.all(a.names.map((n) => unitNamed(ctx.work, ctx.room, n)))).flatMap((u) => (u ? [u] : []))
  if (units.length > 1)
    throw new UsageError(
      taskTexts.severalUnits(
        units.map((u) => u.name),
        a.title,
      ),
    )
  const notify = await mentioned(
    ctx,
    a.names.filter((n) => !units.some((u) => u.name === n)),
  )
  const task = await createTask(taskOp(ctx), { title: a.title, urgent: a.urgent, deadline, notify, needNumber: a.needNumber, forUnit: units[0] ?? null })
  const names = notify.map((m) => m.name)
  if (task.handedDown)
    return ctx.reply(taskTexts.handedDownReply(task, task.unit.name, names, { deadline, deadlineText: a.deadlineText }), { urgent: a.urgent })
  const text = taskTexts.created(task, { deadline, deadlineText: a.deadlineText, notifyNames: names, needNumber: a.needNumber })
  ctx.reply(text, { mentionIds: notify.map((m) => m.wxid), urgent: a.urgent })
}

async function show(ctx: CommandContext<Args>, ref: TaskRef, full: boolean) {
  const { task, events, names, evidence, unmasked } = await taskHistory(taskOp(ctx), ref, full)
  // Read from a room of a unit above, the record's personal data is masked unless the reader asked for it in full.
  const masked = !unmasked
  const holder = task.holderId ? names.get(task.holderId) : undefined
  const head = `${taskLine(task, ctx.now, holder)} · ${task.unit.name}`
  const record = taskCommandTexts.record(head, task.result, evidence, events, names)
  const shown = masked ? textFor(ctx.room.unitId, task.unitId, record) : record
  // Say how to see the rest only when something was hidden.
  ctx.reply(shown === record ? shown : `${shown}\n${taskTexts.maskedHint(refAsTyped(ctx.work, taskId(task)))}`)
}
