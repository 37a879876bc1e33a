import type { Middleware } from '../../core/compose.ts'
import { DuplicateMessage, isUniqueViolation } from '../../core/errors.ts'
import { inTransaction } from '../../db/transaction.ts'
import { handledMessageRepo } from '../../domain/inbox/handled-message.repo.ts'
import type { MessageContext } from '../context.ts'

/**
 * Runs the handler in one transaction that also marks the message handled. A redelivered or replayed message
 * hits the primary key and is skipped, even after Redis has forgotten the job; a crash before commit leaves
 * nothing, so the retry does the whole thing once. Hot-path commands whose one statement marks the message
 * themselves skip the transaction (CommandDef.recordsItself).
 */
export const onceMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { prisma } = ctx.deps
  const pending = ctx.replies.length
  const rollBack = () => {
    ctx.work.db = prisma
    ctx.replies.length = pending // replies of a rolled-back transaction are never sent
    ctx.work.effects.clear()
  }
  const duplicate = () => {
    rollBack()
    ctx.deps.counters.inc('duplicate')
    ctx.log.info('duplicate message skipped')
  }
  if (ctx.def?.recordsItself?.(ctx.args)) {
    try {
      return await next()
    } catch (e) {
      if (e instanceof DuplicateMessage) return duplicate()
      throw e
    }
  }
  try {
    await inTransaction(prisma, async (tx) => {
      await handledMessageRepo.mark(tx, ctx.msg.accountId, ctx.msg.messageId, ctx.now)
      ctx.work.db = tx
      await next()
    })
  } catch (e) {
    rollBack()
    if (isUniqueViolation(e) && (await handledMessageRepo.exists(prisma, ctx.msg.accountId, ctx.msg.messageId))) return duplicate()
    throw e
  } finally {
    ctx.work.db = prisma
  }
}
