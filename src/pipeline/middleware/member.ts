import type { Middleware } from '../../core/compose.ts'
import type { MessageContext } from '../context.ts'

/** The sender, by stable contact id. Someone outside the org, or from another district, is a guest (null). */
export const memberMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  if (!ctx.member) {
    const m = await ctx.deps.org.member(ctx.deps.prisma, ctx.msg.talkerId)
    ctx.member = m?.active && (!ctx.room || m.unit.districtId === ctx.room.unit.districtId) ? m : null
  }
  await next()
}
