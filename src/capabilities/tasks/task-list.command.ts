// #任务列表 [单位] [逾期|未认领|已认领|我的|紧急] [第N页]: the open tasks of the room unit and everything below it.
import { listTasks, type TaskState } from './task-list.service.ts'
import { taskTexts } from './task.texts.ts'
import { taskWords } from './task-words.texts.ts'
import { LIST_COMMANDS } from '../../kernel/lists/list-commands.texts.ts'
import { renderListPage } from '../../kernel/lists/subtree-list.ts'
import { parseListArgs, TASK_STATE_WORDS, type ListArgs } from '../../parser/list-args.ts'
import { ok, type CommandContext, type CommandDef } from '../../pipeline/command.ts'

const COMMAND = LIST_COMMANDS.tasks.command

/** "全部" / "all": the whole subtree (every list shows it now; kept for "#任务 列表 全部"). */
export const wantsAll = (word: string | undefined) => word === taskWords.all || word?.toLowerCase() === 'all'

const stateWords = (args: ListArgs<string>) => args.words.filter((w) => w in TASK_STATE_WORDS)

export async function replyTasks(ctx: CommandContext<unknown>, args: ListArgs<TaskState>): Promise<void> {
  const r = await listTasks(ctx.work, { roomUnit: ctx.room.unit, me: ctx.member, args, command: COMMAND })
  const states = stateWords(args)
  if (!r.entries.length) return ctx.reply(taskTexts.listEmpty(r.scope.name, r.below, states))
  const head = taskTexts.listHead(r.scope.name, r.below, states, r.total)
  ctx.reply(renderListPage(r, head, { roomUnitId: ctx.room.unitId, page: args.page, words: args.words, command: COMMAND }))
}

/** 任务列表 reached as "#任务 列表 [全部]". */
export const replyTaskList = (ctx: CommandContext<unknown>, _all: boolean) => replyTasks(ctx, parseListArgs<TaskState>([], TASK_STATE_WORDS))

export const taskListCommand: CommandDef<ListArgs<TaskState>> = {
  access: 'member',
  name: LIST_COMMANDS.tasks.name,
  aliases: ['tasks'],
  summary: LIST_COMMANDS.tasks.summary,
  usage: LIST_COMMANDS.tasks.usage,
  example: LIST_COMMANDS.tasks.example,
  parse: (argv) => ok(parseListArgs(argv, TASK_STATE_WORDS)),
  run: (ctx) => replyTasks(ctx, ctx.args),
}
