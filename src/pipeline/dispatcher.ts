// One inbound message through the middleware chain. Whatever it answered is written to the outbox (with the
// record, inside the unit of work, or here for refusals) and the message is marked handled; then the replies, posts
// and timers are released to the queues.
import { compose } from '../core/compose.ts'
import { Effects } from '../core/effects.ts'
import { UsageError, isAppError } from '../core/errors.ts'
import { jobId } from '../core/ids.ts'
import type { InboundMessage } from '../core/message.ts'
import { isTransientDbError } from '../db/errors.ts'
import { inTransaction } from '../db/transaction.ts'
import { inboxRepo } from '../domain/inbox/inbox.repo.ts'
import { RESEND_WITHIN_MS } from '../domain/inbox/redelivery.ts'
import { unsentPosts, writeOutbox } from '../kernel/outbox/outbox.service.ts'
import type { MessageContext } from './context.ts'
import type { PipelineDeps } from './deps.ts'
import { inboxRow } from './inbox-row.ts'
import { cityMiddleware } from './middleware/city.ts'
import { memberMiddleware } from './middleware/member.ts'
import { onceMiddleware } from './middleware/once.ts'
import { parseMiddleware } from './middleware/parse.ts'
import { rateLimitMiddleware } from './middleware/rate-limit.ts'
import { resolveMiddleware } from './middleware/resolve.ts'
import { roomMiddleware } from './middleware/room.ts'
import { runMiddleware } from './middleware/run.ts'
import { pipelineTexts } from './pipeline.texts.ts'

const chain = compose<MessageContext>([
  parseMiddleware,
  roomMiddleware,
  memberMiddleware,
  rateLimitMiddleware,
  cityMiddleware,
  resolveMiddleware,
  onceMiddleware,
  runMiddleware,
])

export type Dispatch = (msg: InboundMessage, opts?: { lastAttempt?: boolean }) => Promise<void>

export function createDispatcher(deps: PipelineDeps): Dispatch {
  return async (msg, opts = {}) => {
    const log = deps.log.child({ account: msg.accountId, room: msg.roomId, msgId: msg.messageId })
    const now = deps.clock.now()
    const ctx = newContext(deps, msg, log, now)
    const outcome = await runChain(ctx, opts)
    if (outcome === 'ok' && ctx.def) deps.counters.metrics.commands.inc({ command: ctx.def.name, outcome })
    await release(ctx)
  }
}

/** A fresh context for one message: nothing resolved yet, no replies. */
function newContext(deps: PipelineDeps, msg: InboundMessage, log: MessageContext['log'], now: Date): MessageContext {
  const ctx: MessageContext = {
    msg,
    deps,
    log,
    now,
    room: null,
    member: null,
    command: null,
    ack: null,
    def: null,
    args: undefined,
    work: { db: deps.prisma, effects: new Effects(), now, events: deps.events },
    replies: [],
    quiet: false,
    marked: false,
    markedByWork: false,
    duplicate: false,
    nextReply(o = {}) {
      const mentionIds = [...new Set([...(o.mention ? [msg.talkerId] : []), ...(o.mentionIds ?? [])])]
      return {
        key: jobId('reply', msg.accountId, msg.messageId, ctx.replies.length),
        accountId: msg.accountId,
        roomId: msg.roomId ?? '',
        mentionIds,
        urgent: o.urgent,
      }
    },
    reply(text, o = {}) {
      if (!msg.roomId) return // direct messages are never answered (parse stops them first)
      if (ctx.quiet) return // over the rate limit: summarised later (rateLimitMiddleware)
      const { key, ...to } = ctx.nextReply(o)
      ctx.replies.push({ message: { ...to, text }, key, durable: false })
    },
  }
  return ctx
}

/** Runs the chain; a refusal or a failure is answered here. What /metrics counts for a command: ok, refused (a usage
 *  problem or a rule said no), failed, retried (thrown on for the queue to retry). */
async function runChain(ctx: MessageContext, opts: { lastAttempt?: boolean }): Promise<string> {
  const { deps, log } = ctx
  let outcome = 'ok'
  try {
    await chain(ctx)
  } catch (e) {
    outcome = isAppError(e) ? 'refused' : 'failed'
    if (ctx.def && outcome === 'failed' && (opts.lastAttempt === false || isTransientDbError(e))) outcome = 'retried'
    if (ctx.def) deps.counters.metrics.commands.inc({ command: ctx.def.name, outcome })
    ctx.quiet = false // refusals and failures are answered even past the rate limit: nothing of them was recorded
    if (isAppError(e)) {
      log.info({ code: e.code, err: e.message }, 'command refused')
      const example = e instanceof UsageError ? (e.example ?? ctx.def?.example) : undefined
      ctx.reply(example ? pipelineTexts.withExample(e.userMessage, example) : e.userMessage, { mention: true })
    } else if (opts.lastAttempt === false || isTransientDbError(e)) {
      // Let the queue retry; the user hears from us on the last attempt. While the database is away there is no
      // "last": the inbound worker waits for it (and an apology could not be written anyway).
      throw e
    } else {
      log.error({ err: e }, 'message handling failed')
      if (ctx.command) ctx.reply(pipelineTexts.failed, { mention: true })
    }
  }
  return outcome
}

/** What the chain answered outside a unit of work (refusals, hints, the apology), and the handled mark for a message
 *  that recorded nothing: one small transaction. Redone after a crash, the same keys are written once. Then the
 *  replies, posts and timers go to the queues. */
async function release(ctx: MessageContext): Promise<void> {
  const { deps, msg, now } = ctx
  const unwritten = ctx.replies.filter((r) => !r.durable)
  let relay = ctx.replies
  if (unwritten.length || !ctx.marked) {
    await inTransaction(deps.prisma, async (tx) => {
      // Handled already, though this attempt failed (a commit whose answer was lost, say): what it committed
      // stands, and its stored replies go out again (resendReplies); an apology under their keys must not.
      if (!ctx.marked && !(await inboxRepo.markHandled(tx, inboxRow(msg), now))) {
        ctx.duplicate = true
        relay = ctx.replies.filter((r) => r.durable)
        return
      }
      await writeOutbox(tx, unwritten, now)
    })
  }
  await Promise.all(relay.map((r) => deps.outbox.send(r.message, r.key)))
  if (ctx.duplicate) await resendReplies(ctx)
  // A crash before this line loses nothing: the sweeper sends unsent outbox rows and re-creates timers.
  await ctx.work.effects.flush(deps.outbox, deps.scheduler)
}

/** Replies a message may have: more than any handler writes (a check-in's two, a hint, a summary). */
const MAX_REPLIES = 8

/**
 * A message handled before whose worker died between its commit and handing its replies to the queue: its stored
 * replies, still unsent, go to the queue now rather than at the sweeper's next round, so they come before the replies
 * to the messages behind it in its group (the shard runs this redelivery first). Sending is keyed and claimed: a
 * reply queued or sent already is not sent again.
 */
async function resendReplies(ctx: MessageContext): Promise<void> {
  const { deps, msg } = ctx
  if (!msg.roomId) return
  const keys = Array.from({ length: MAX_REPLIES }, (_, i) => jobId('reply', msg.accountId, msg.messageId, i))
  // Only as late as the sweeper would send them: a WeChat replay days later must not bring back a reply given up on.
  for (const r of await unsentPosts(deps.prisma, keys, new Date(ctx.now.getTime() - RESEND_WITHIN_MS))) await deps.outbox.send(r.message, r.key)
}
