import type { Middleware } from '../../core/compose.ts'
import type { MessageContext } from '../context.ts'
import { pipelineTexts } from '../pipeline.texts.ts'

/**
 * Finds the unit a room is bound to, by the stable WeChat room id (never the topic, which anyone can change).
 * A message seen by a bot account other than the room's own is ignored (one answer per group). Unbound rooms are ignored, except for a command that says it works there (#绑定) and a one-line hint to members.
 */
export const roomMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { deps, msg } = ctx
  if (!msg.roomId) return // parse stops direct messages first
  ctx.room = await deps.org.room(deps.prisma, msg.roomId)
  if (ctx.room && ctx.room.accountId !== msg.accountId) {
    // Another bot account in the same group (a backup, or a mistake): only the room's own account answers there.
    deps.counters.inc('ignored.other_account')
    return
  }
  if (ctx.room) return next()
  deps.counters.inc('ignored.unbound_room')
  if (!ctx.command || ctx.command.bare) return
  const member = await deps.org.member(deps.prisma, msg.talkerId)
  if (!member?.active) return
  ctx.member = member
  if (ctx.def?.access === 'unbound-room') return next()
  ctx.reply(pipelineTexts.unboundRoom, { mention: true })
}
