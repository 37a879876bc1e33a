import type { Middleware } from '../../core/compose.ts'
import type { MessageContext } from '../context.ts'

/** Per sender and account, in a window shared by every worker process; time from the injected clock. */
export const rateLimitMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { deps, msg } = ctx
  const limit = deps.rateLimitPerMinute
  if (limit <= 0 || !ctx.command) return next()
  const count = await deps.rateLimiter.hit(`${msg.accountId}:${msg.talkerId}`, ctx.now)
  if (count <= limit) return next()
  deps.counters.inc('ratelimited')
  ctx.log.warn({ count }, 'rate limited')
  if (count === limit + 1) ctx.reply('您发送得太快了,请一分钟后再试。', { mention: true })
}
