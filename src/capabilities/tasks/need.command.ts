import { acceptNeed, closeNeed, recordNeed, tellCadresOfPending } from './need.service.ts'
import { needCommandHelp } from './need.command.help.texts.ts'
import { needTexts } from './task.texts.ts'
import { taskWords } from './task-words.texts.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { UsageError } from '../../core/errors.ts'
import { listItems, MAX_ITEMS } from '../../parser/list-items.ts'
import { parseRef } from '../../parser/refs.ts'

export const needCommand: CommandDef<{ description: string }> = {
  // Residents too: in a grid's group a resident's need waits for the grid's cadres (待网格确认).
  access: 'guest',
  name: needCommandHelp.needCommand.name,
  aliases: ['need'],
  ...needTexts.needHelp,
  parse: (_argv, text) => (text ? ok({ description: text }) : problem(taskWords.needWithoutText)),
  async run(ctx) {
    // A pasted list (one a line, or numbered) is one need each, answered once with all their ids.
    const items = listItems(ctx.args.description)
    if (items && items.length > MAX_ITEMS) throw new UsageError(needTexts.tooMany(items.length, MAX_ITEMS))
    const name = ctx.member?.name ?? ctx.msg.talkerName
    const reporter = ctx.member ? { member: ctx.member } : { wxid: ctx.msg.talkerId, name }
    const needs = []
    for (const description of items ?? [ctx.args.description]) {
      needs.push(await recordNeed(ctx.work, { room: ctx.room, reporter, description, accountId: ctx.msg.accountId, messageId: ctx.msg.messageId }))
    }
    if (!ctx.member) {
      ctx.reply(needTexts.residentRecorded(needs), { mention: true })
      await tellCadresOfPending(ctx.work, ctx.room, needs, name, ctx.msg.messageId)
      return
    }
    ctx.reply(needs.length === 1 && needs[0] ? needTexts.recorded(needs[0]) : needTexts.recordedMany(needs), { mention: true })
  },
}

export type NeedRefArgs = { number: number; rest: string }

/** "N3 rest of the words" → the need's number and the rest. */
export function parseNeedRef(argv: string[]): ParseResult<NeedRefArgs> {
  const r = parseRef('N', argv[0])
  if (!r.ok) return problem(needTexts.refHelp())
  return ok({ number: r.number, rest: argv.slice(1).join(' ').trim() })
}

/** #采纳 N3: a resident's need (待网格确认) joins the unit's list. */
export const acceptNeedCommand: CommandDef<NeedRefArgs> = {
  access: 'member',
  name: needCommandHelp.acceptNeedCommand.name,
  aliases: [taskWords.acceptNeedAlias],
  ...needTexts.acceptHelp,
  parse: parseNeedRef,
  async run(ctx) {
    const need = await acceptNeed({ ...ctx.work, actor: ctx.member, room: ctx.room, messageId: ctx.msg.messageId }, ctx.args.number)
    ctx.reply(needTexts.accepted(need), { mention: true })
  },
}

export const closeNeedCommand: CommandDef<NeedRefArgs> = {
  access: 'member',
  name: needCommandHelp.closeNeedCommand.name,
  aliases: ['close'],
  ...needTexts.closeHelp,
  parse(argv) {
    const r = parseNeedRef(argv)
    return r.ok && !r.args.rest ? problem(needTexts.closeReason()) : r
  },
  async run(ctx) {
    const need = await closeNeed({ ...ctx.work, actor: ctx.member, room: ctx.room, messageId: ctx.msg.messageId }, ctx.args.number, ctx.args.rest)
    ctx.reply(needTexts.closed(need, !!need.reporterWxid), { mention: true })
  },
}
