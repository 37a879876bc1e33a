// One inbound message through the middleware chain, then its replies, posts and timers after commit.
import { compose } from '../core/compose.ts'
import { Effects } from '../core/effects.ts'
import { UsageError, isAppError } from '../core/errors.ts'
import { jobId } from '../core/ids.ts'
import type { InboundMessage } from '../core/message.ts'
import type { MessageContext } from './context.ts'
import type { PipelineDeps } from './deps.ts'
import { parseMiddleware } from './middleware/parse.ts'
import { roomMiddleware } from './middleware/room.ts'
import { memberMiddleware } from './middleware/member.ts'
import { rateLimitMiddleware } from './middleware/rate-limit.ts'
import { onceMiddleware } from './middleware/once.ts'
import { resolveMiddleware } from './middleware/resolve.ts'
import { runMiddleware } from './middleware/run.ts'

const chain = compose<MessageContext>([parseMiddleware, roomMiddleware, memberMiddleware, rateLimitMiddleware, resolveMiddleware, onceMiddleware, runMiddleware])

export type Dispatch = (msg: InboundMessage, opts?: { lastAttempt?: boolean }) => Promise<void>

export function createDispatcher(deps: PipelineDeps): Dispatch {
  return async (msg, opts = {}) => {
    const log = deps.log.child({ account: msg.accountId, room: msg.roomId, msgId: msg.messageId })
    const now = deps.clock.now()
    const ctx: MessageContext = {
      msg,
      deps,
      log,
      now,
      room: null,
      member: null,
      command: null,
      def: null,
      args: undefined,
      work: { db: deps.prisma, effects: new Effects(), now },
      replies: [],
      reply(text, o = {}) {
        if (!msg.roomId) return // direct messages are never answered (parse stops them first)
        const mentionIds = [...new Set([...(o.mention ? [msg.talkerId] : []), ...(o.mentionIds ?? [])])]
        ctx.replies.push({ accountId: msg.accountId, roomId: msg.roomId, text, mentionIds, urgent: o.urgent })
      },
    }
    try {
      await chain(ctx)
    } catch (e) {
      if (isAppError(e)) {
        log.info({ code: e.code, err: e.message }, 'command refused')
        const example = e instanceof UsageError ? (e.example ?? ctx.def?.example) : undefined
        ctx.reply(example ? `${e.userMessage}\n例如:${example}` : e.userMessage, { mention: true })
      } else if (opts.lastAttempt === false) {
        throw e // let the queue retry; the user hears from us on the last attempt
      } else {
        log.error({ err: e }, 'message handling failed')
        if (ctx.command) ctx.reply('抱歉,处理时出错了,已记录。请稍后再试一次。', { mention: true })
      }
    }
    await Promise.all(ctx.replies.map((r, i) => deps.outbox.send(r, jobId('reply', msg.accountId, msg.messageId, i))))
    // A crash before this line loses no timer: the sweeper re-creates it from the database.
    await ctx.work.effects.flush(deps.outbox, deps.scheduler)
  }
}
