// #需求列表 [单位] [我的] [第N页]: the open needs of the room unit and everything below it, the oldest first.
import { listNeeds, type NeedState } from './task-list.service.ts'
import { needTexts } from './task.texts.ts'
import { LIST_COMMANDS } from '../../kernel/lists/list-commands.texts.ts'
import { renderListPage } from '../../kernel/lists/subtree-list.ts'
import { NEED_STATE_WORDS, parseListArgs, type ListArgs } from '../../parser/list-args.ts'
import { ok, type CommandDef } from '../../pipeline/command.ts'

const COMMAND = LIST_COMMANDS.needs.command

export const needListCommand: CommandDef<ListArgs<NeedState>> = {
  access: 'member',
  name: LIST_COMMANDS.needs.name,
  aliases: ['needs'],
  summary: LIST_COMMANDS.needs.summary,
  usage: LIST_COMMANDS.needs.usage,
  example: LIST_COMMANDS.needs.example,
  parse: (argv) => ok(parseListArgs(argv, NEED_STATE_WORDS)),
  async run(ctx) {
    const r = await listNeeds(ctx.work, { roomUnit: ctx.room.unit, me: ctx.member, args: ctx.args, command: COMMAND })
    const mine = ctx.args.states.includes('mine')
    if (!r.entries.length) return ctx.reply(needTexts.listEmpty(r.scope.name, r.below, mine))
    const head = needTexts.listHead(r.scope.name, r.below, mine, r.total)
    ctx.reply(renderListPage(r, head, { roomUnitId: ctx.room.unitId, page: ctx.args.page, words: ctx.args.words, command: COMMAND }))
  },
}
