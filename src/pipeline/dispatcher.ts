// One inbound message through the middleware chain, then its replies to the outbox after commit.
import { compose } from '../core/compose.ts'
import { isAppError } from '../core/errors.ts'
import { Effects } from '../core/effects.ts'
import { jobId } from '../core/ids.ts'
import type { InboundMessage } from '../core/message.ts'
import type { MessageContext } from './context.ts'
import type { AppDeps } from './deps.ts'
import { parseMiddleware } from './middleware/parse.ts'
import { roomMiddleware } from './middleware/room.ts'
import { memberMiddleware } from './middleware/member.ts'
import { rateLimitMiddleware } from './middleware/rate-limit.ts'
import { onceMiddleware } from './middleware/once.ts'
import { resolveMiddleware } from './middleware/resolve.ts'
import { runMiddleware } from './middleware/run.ts'
import { UsageError } from '../commands/command.ts'
import { findCommand } from '../commands/registry.ts'

const chain = compose<MessageContext>([parseMiddleware, roomMiddleware, memberMiddleware, rateLimitMiddleware, resolveMiddleware, onceMiddleware, runMiddleware])

export type Dispatch = (msg: InboundMessage, opts?: { lastAttempt?: boolean }) => Promise<void>

export function createDispatcher(deps: AppDeps): Dispatch {
  return async (msg, opts = {}) => {
    const log = deps.log.child({ account: msg.accountId, room: msg.roomId, msgId: msg.messageId })
    const ctx: MessageContext = {
      msg,
      deps,
      log,
      now: deps.clock.now(),
      room: null,
      member: null,
      command: null,
      def: null,
      db: deps.prisma,
      replies: [],
      effects: new Effects(),
      reply(text, o = {}) {
        ctx.replies.push({ accountId: msg.accountId, roomId: msg.roomId!, text, mentionIds: [...new Set([...(o.mention ? [msg.talkerId] : []), ...(o.mentionIds ?? [])])], urgent: o.urgent })
      },
    }
    try {
      await chain(ctx)
    } catch (e) {
      if (isAppError(e)) {
        log.info({ code: e.code, err: e.message }, 'command refused')
        const def = e instanceof UsageError && ctx.command ? findCommand(ctx.command.word) : undefined
        ctx.reply(def ? `${e.userMessage}\n例如:${def.example}` : e.userMessage, { mention: true })
      } else if (opts.lastAttempt === false) {
        throw e // let the queue retry; the user hears from us on the last attempt
      } else {
        log.error({ err: e }, 'message handling failed')
        if (ctx.command) ctx.reply('抱歉,处理时出错了,已记录。请稍后再试一次。', { mention: true })
      }
    }
    await Promise.all(ctx.replies.map((r, i) => deps.outbox.send(r, jobId('reply', msg.accountId, msg.messageId, i))))
    // A crash before this line loses no timer: the sweeper re-creates it from the database.
    await ctx.effects.flush(deps.outbox, deps.scheduler)
  }
}
