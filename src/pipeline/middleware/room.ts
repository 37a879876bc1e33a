import type { Middleware } from '../../core/compose.ts'
import { findCommand } from '../../commands/registry.ts'
import type { MessageContext } from '../context.ts'

/**
 * Finds the unit a room is bound to, by the stable WeChat room id (never the topic, which anyone can change).
 * Unbound rooms are ignored, except for an admin's #绑定 and a one-line hint to known members.
 */
export const roomMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  ctx.room = await ctx.deps.org.room(ctx.deps.prisma, ctx.msg.roomId!)
  if (ctx.room) return next()
  ctx.deps.counters.inc('ignored.unbound_room')
  if (!ctx.command) return
  const member = await ctx.deps.org.member(ctx.deps.prisma, ctx.msg.talkerId)
  if (!member?.active) return
  ctx.member = member
  if (findCommand(ctx.command.word)?.name === '绑定' && member.role === 'admin') return next()
  ctx.reply('本群尚未绑定单位,暂不能使用命令。请管理员在本群发送:#绑定 单位名称', { mention: true })
}
