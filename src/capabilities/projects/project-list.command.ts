// #项目列表 [单位] [待领题|进行中|已完成|我的] [第N页] (also "#项目 列表").
import { LIST_COMMANDS } from '../../kernel/lists/list-commands.texts.ts'
import { renderListPage } from '../../kernel/lists/subtree-list.ts'
import { parseListArgs, PROJECT_STATE_WORDS, type ListArgs } from '../../parser/list-args.ts'
import { ok, type CommandContext, type CommandDef } from '../../pipeline/command.ts'
import { listProjects, type ProjectState } from './project-list.service.ts'
import { projectTexts } from './project.texts.ts'

const COMMAND = LIST_COMMANDS.projects.command

export async function replyProjectList(ctx: CommandContext<unknown>, args: ListArgs<ProjectState> = parseListArgs([], PROJECT_STATE_WORDS)) {
  const r = await listProjects(ctx.work, { roomUnit: ctx.room.unit, me: ctx.member, args, command: COMMAND })
  if (!r.entries.length) return ctx.reply(projectTexts.listEmpty(r.scope.name, r.below))
  const head = projectTexts.listHead(r.scope.name, r.below, r.activeCount, r.doneCount)
  ctx.reply(renderListPage(r, head, { roomUnitId: ctx.room.unitId, page: args.page, words: args.words, command: COMMAND }))
}

export const projectListCommand: CommandDef<ListArgs<ProjectState>> = {
  access: 'member',
  name: LIST_COMMANDS.projects.name,
  aliases: ['projects'],
  summary: LIST_COMMANDS.projects.summary,
  usage: LIST_COMMANDS.projects.usage,
  example: LIST_COMMANDS.projects.example,
  parse: (argv) => ok(parseListArgs(argv, PROJECT_STATE_WORDS)),
  run: (ctx) => replyProjectList(ctx, ctx.args),
}
