import type { Middleware } from '../../core/compose.ts'
import { closest } from '../../parser/closest.ts'
import { commandWords, findCommand } from '../../commands/registry.ts'
import { ROLE_LABEL } from '../../commands/format.ts'
import { orgRepo } from '../../domain/org/org.repo.ts'
import type { MessageContext } from '../context.ts'

/** Finds the command's handler, or says clearly why there is none for this sender. Refusals change nothing. */
export const resolveMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  if (!ctx.command) return next() // a location or an image
  const def = findCommand(ctx.command.word)
  if (!def) {
    if (!ctx.member) return // a guest's unknown "#…" is chat, not a command for us
    const near = closest(ctx.command.word, commandWords())
    const hint = near.length ? `您是不是要:${near.map((w) => `#${w}`).join(' 或 ')}?` : ''
    return ctx.reply(`没有“#${ctx.command.word.slice(0, 20)}”这个命令。${hint}\n发送 #帮助 查看全部命令。`, { mention: true })
  }
  if (!ctx.member && !def.guest) {
    const who = await registrars(ctx)
    return ctx.reply(`您还未登记为网格成员,暂不能使用 #${def.name}。${who ? `请联系 ${who} 登记。` : '请联系本群负责人登记。'}`, { mention: true })
  }
  if (ctx.member && def.roles && !def.roles.includes(ctx.member.role)) {
    return ctx.reply(`#${def.name} 仅限${def.roles.map((r) => ROLE_LABEL[r]).join('、')}使用。`, { mention: true })
  }
  ctx.def = def
  await next()
}

/** The supervisors nearest above the room's unit: the people who can register a newcomer. */
async function registrars(ctx: MessageContext): Promise<string> {
  if (!ctx.room) return ''
  const chain = [ctx.room.unit, ...(await orgRepo.ancestors(ctx.db, ctx.room.unit)).reverse()]
  for (const unit of chain) {
    const sups = await orgRepo.membersIn(ctx.db, [unit.id], ['supervisor', 'admin'])
    if (sups.length) return sups.slice(0, 3).map((s) => s.name).join('、')
  }
  return ''
}
