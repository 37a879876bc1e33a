// #隐患列表 [单位] [紧急|待受理|处置中|待核实|我的 …] [第N页] (also "#隐患 列表"): members only; residents are told
// how to read their own reports.
import { AppError } from '../../core/errors.ts'
import { LIST_COMMANDS } from '../../kernel/lists/list-commands.texts.ts'
import { renderListPage } from '../../kernel/lists/subtree-list.ts'
import { HAZARD_STATE_WORDS, parseListArgs, type ListArgs } from '../../parser/list-args.ts'
import { ok, type CommandDef, type GuestContext } from '../../pipeline/command.ts'
import { listHazards, type HazardState } from './hazard-list.service.ts'
import { hazardTexts } from './hazard.texts.ts'

const COMMAND = LIST_COMMANDS.hazards.command

export async function replyHazardList(ctx: GuestContext<unknown>, args: ListArgs<HazardState> = parseListArgs([], HAZARD_STATE_WORDS)) {
  if (!ctx.member) throw new AppError('HAZARD_LIST_GUEST', 'guest asked for the hazard list', hazardTexts.listGuest())
  const r = await listHazards(ctx.work, { roomUnit: ctx.room.unit, me: ctx.member, args, command: COMMAND })
  const states = args.words.filter((w) => w in HAZARD_STATE_WORDS)
  if (!r.entries.length) return ctx.reply(hazardTexts.listEmpty(r.scope.name, r.below, states))
  const head = hazardTexts.listHead(r.scope.name, r.below, states, r.total)
  ctx.reply(renderListPage(r, head, { roomUnitId: ctx.room.unitId, page: args.page, words: args.words, command: COMMAND }))
}

export const hazardListCommand: CommandDef<ListArgs<HazardState>> = {
  access: 'guest',
  name: LIST_COMMANDS.hazards.name,
  aliases: ['hazards'],
  summary: LIST_COMMANDS.hazards.summary,
  usage: LIST_COMMANDS.hazards.usage,
  example: LIST_COMMANDS.hazards.example,
  parse: (argv) => ok(parseListArgs(argv, HAZARD_STATE_WORDS)),
  run: (ctx) => replyHazardList(ctx, ctx.args),
}
