import { recordNeed } from './need.service.ts'
import { needTexts } from './task.texts.ts'
import { ok, problem, type CommandDef } from '../../pipeline/command.ts'
import { UsageError } from '../../core/errors.ts'
import { listItems, MAX_ITEMS } from '../../parser/list-items.ts'

export const needCommand: CommandDef<{ description: string }> = {
  access: 'member',
  name: '需求',
  aliases: ['need'],
  summary: '记录居民需求(得到编号 N…)',
  usage: '#需求 <描述>',
  example: '#需求 3号楼王奶奶家水管漏水,需要维修',
  parse: (_argv, text) => (text ? ok({ description: text }) : problem('请写明需求内容')),
  async run(ctx) {
    // A pasted list (one a line, or numbered) is one need each, answered once with all their ids.
    const items = listItems(ctx.args.description)
    if (items && items.length > MAX_ITEMS) throw new UsageError(needTexts.tooMany(items.length, MAX_ITEMS))
    const needs = []
    for (const description of items ?? [ctx.args.description]) {
      needs.push(
        await recordNeed(ctx.work, {
          room: ctx.room,
          reporterId: ctx.member.id,
          description,
          accountId: ctx.msg.accountId,
          messageId: ctx.msg.messageId,
        }),
      )
    }
    ctx.reply(needs.length === 1 ? needTexts.recorded(needs[0]!) : needTexts.recordedMany(needs), { mention: true })
  },
}
