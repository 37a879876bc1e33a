import type { Middleware } from '../../core/compose.ts'
import { DuplicateMessage } from '../../core/errors.ts'
import { inTransaction } from '../../db/transaction.ts'
import { inboxRepo } from '../../domain/inbox/inbox.repo.ts'
import { sqlTemplate, writeCounting, writeOutbox } from '../../kernel/outbox/outbox.service.ts'

import type { DbOrTx } from '../../db/client.ts'
import type { MessageContext } from '../context.ts'
import { rateLimitTexts } from './rate-limit.ts'
import { summaryKey, summaryTimer, windowEnd, windowOf } from '../rate-summary.ts'
import { inboxRow } from '../inbox-row.ts'

/**
 * Runs the handler in one unit of work that also marks the message handled and writes its replies and posts to the
 * outbox: a redelivered or replayed message finds its mark and is skipped, even after Redis has forgotten the job;
 * a crash before commit leaves nothing, so the retry does the whole thing once; after commit nothing is lost.
 * Hot-path commands whose one statement does all of that themselves skip the transaction (recordsItself).
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
    ctx.marked = true
    ctx.duplicate = true
    ctx.deps.counters.inc('duplicate')
    ctx.log.info('duplicate message skipped')
  }
  // A held-back reply needs its summary written with the record: the transaction path, not the one statement.
  if (ctx.def?.recordsItself?.(ctx.args) && !ctx.quiet) {
    try {
      await next()
      // Its one statement wrote its record, its mark and its reply; anything else it asked for would not be durable.
      if (ctx.work.effects.posts.length || ctx.replies.slice(pending).some((r) => !r.durable))
        throw new Error(`#${ctx.def.name}: a one-statement handler may only answer through ctx.durable`)
      ctx.marked = true
      return
    } catch (e) {
      if (e instanceof DuplicateMessage) return duplicate()
      throw e
    }
  }
  try {
    await inTransaction(prisma, async (tx) => {
      if (!(await inboxRepo.markHandled(tx, inboxRow(ctx.msg), ctx.now))) throw new DuplicateMessage()
      ctx.markedByWork = true
      ctx.work.db = tx
      await next()
      const replies = ctx.replies.slice(pending)
      await writeOutbox(tx, [...replies, ...ctx.work.effects.posts], ctx.now)
      if (ctx.quiet) await writeSummary(tx, ctx)
      for (const r of replies) r.durable = true
    })
    ctx.marked = true
  } catch (e) {
    rollBack()
    if (e instanceof DuplicateMessage) return duplicate()
    throw e
  } finally {
    ctx.work.db = prisma
    ctx.markedByWork = false
  }
}

/** The summary for a sender over the rate limit: one per room and window, due when the window ends, counting up;
 *  the window's timer sends it then (the sweeper, should Redis lose the timer). */
async function writeSummary(tx: DbOrTx, ctx: MessageContext) {
  const { msg } = ctx
  if (!msg.roomId) return
  const window = windowOf(ctx.now)
  const message = { accountId: msg.accountId, roomId: msg.roomId, text: sqlTemplate(1, rateLimitTexts.summary), mentionIds: [msg.talkerId] }
  await writeCounting(tx, { message, key: summaryKey(msg.accountId, msg.talkerId, msg.roomId, window) }, windowEnd(window))
  ctx.work.effects.schedule(summaryTimer(window))
}
