import type { Middleware } from '../../core/compose.ts'
import type { MessageContext } from '../context.ts'

const WINDOW_S = 60

/** A fixed one-minute window per sender in Redis: shared by every worker process. */
export const rateLimitMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { deps, msg } = ctx
  const limit = deps.rateLimitPerMinute
  if (limit <= 0 || !ctx.command) return next()
  const bucket = Math.floor(Date.now() / 1000 / WINDOW_S)
  const key = `${deps.keyPrefix}:rl:${msg.accountId}:${msg.talkerId}:${bucket}`
  const [[, count]] = (await deps.redis.multi().incr(key).expire(key, WINDOW_S * 2).exec()) as [[unknown, number]]
  if (count <= limit) return next()
  deps.counters.inc('ratelimited')
  ctx.log.warn({ count }, 'rate limited')
  if (count === limit + 1) ctx.reply('您发送得太快了,请一分钟后再试。', { mention: true })
}
