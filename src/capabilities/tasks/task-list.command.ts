import { listTasks } from './task.service.ts'
import { taskLine, taskTexts } from './task.texts.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { ok, type CommandContext, type CommandDef } from '../../pipeline/command.ts'
import { taskOp } from './task-support.ts'

/** "全部" / "all": the whole subtree. */
export const wantsAll = (word: string | undefined) => word === '全部' || word?.toLowerCase() === 'all'

/** 任务列表 (also reached as "#任务 列表"). */
export async function replyTaskList(ctx: CommandContext<unknown>, all: boolean): Promise<void> {
  const unit = ctx.room.unit
  const list = await listTasks(taskOp(ctx), unit, all)
  if (!list.total) return ctx.reply(taskTexts.listEmpty(unit.name, all))
  // Tasks of units below are listed without their personal data (it stays in their own groups).
  const line = (t: (typeof list.sorted)[number]) => textFor(unit.id, t.unitId, taskLine(t, ctx.now, list.holderName(t)))
  const lines: string[] = []
  if (!all) for (const t of list.sorted.slice(0, list.limit)) lines.push(line(t))
  else {
    for (const g of list.groups) {
      if (lines.length >= list.limit) break
      lines.push(`【${g.unit.name}】`)
      for (const t of g.tasks) lines.push(`  ${line(t)}`)
    }
  }
  const more = list.total > list.shown || lines.length > list.limit ? `\n${taskTexts.listMore(list.total)}` : ''
  ctx.reply(`${taskTexts.listHead(unit.name, all, list.total)}\n${lines.slice(0, list.limit + 10).join('\n')}${more}`)
}

export const taskListCommand: CommandDef<{ all: boolean }> = {
  access: 'member',
  name: '任务列表',
  aliases: ['tasks'],
  summary: '本单位未完成的任务;负责人加“全部”看下级所有单位',
  usage: '#任务列表 [全部]',
  example: '#任务列表 全部',
  parse: (argv) => ok({ all: wantsAll(argv[0]) }),
  run: (ctx) => replyTaskList(ctx, ctx.args.all),
}
