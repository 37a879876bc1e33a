import type { Middleware } from '../../core/compose.ts'
import type { MessageContext } from '../context.ts'
import { pipelineTexts } from '../pipeline.texts.ts'

/**
 * Per sender and account, in a window shared by every worker process; time from the injected clock. Past the limit
 * nothing is dropped: the command is handled and its record kept, but its replies are held back; the sender is
 * told once, and after the window one summary says how many more were recorded (written with the record, sent by
 * the sweeper when due).
 */
export const rateLimitMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { deps, msg } = ctx
  const limit = deps.rateLimitPerMinute
  if (limit <= 0 || !ctx.command) return next()
  const count = await deps.rateLimiter.hit(`${msg.accountId}:${msg.talkerId}`, ctx.now, msg.messageId)
  if (count <= limit) return next()
  deps.counters.inc('ratelimited')
  ctx.log.warn({ count }, 'rate limited: handled, reply held for the summary')
  if (count === limit + 1) ctx.reply(rateLimitTexts.slowDown(), { mention: true })
  ctx.quiet = true
  await next()
}

export const rateLimitTexts = pipelineTexts.rateLimit
