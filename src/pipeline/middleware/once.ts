import type { Middleware } from '../../core/compose.ts'
import { isUniqueViolation } from '../../core/errors.ts'
import { handledMessageRepo } from '../../domain/inbox/handled-message.repo.ts'
import type { MessageContext } from '../context.ts'

export class DuplicateMessage extends Error {}

/**
 * Runs the rest of the chain in one transaction that also marks the message handled. A redelivered or replayed
 * message hits the primary key and is skipped, even after Redis has forgotten the job; a crash before commit
 * leaves nothing, so the retry does the whole thing once.
 */
export const onceMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { prisma } = ctx.deps
  const pending = ctx.replies.length
  try {
    await prisma.$transaction(
      async (tx) => {
        await handledMessageRepo.mark(tx, ctx.msg.accountId, ctx.msg.messageId, ctx.now)
        ctx.db = tx
        await next()
      },
      { timeout: 30_000, maxWait: 30_000 },
    )
  } catch (e) {
    ctx.db = prisma
    if (isUniqueViolation(e) && (await handledMessageRepo.exists(prisma, ctx.msg.accountId, ctx.msg.messageId))) {
      ctx.replies.length = pending
      ctx.deps.counters.inc('duplicate')
      ctx.log.info('duplicate message skipped')
      return
    }
    ctx.replies.length = pending // replies of a rolled-back transaction are never sent
    throw e
  } finally {
    ctx.db = prisma
  }
}
