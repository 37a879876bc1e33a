import type { Middleware } from '../../core/compose.ts'
import type { CommandMessage, DurableReply } from '../command.ts'
import { DEFAULT_SEND_PACE } from '../../core/ports.ts'
import type { MessageContext } from '../context.ts'
import { inboxRow } from '../inbox-row.ts'

/**
 * The end of the chain: the command's handler with its narrowed context, the attachment handler for a
 * location or image, or the acknowledgement handler for a 收到. What the earlier middleware checked is now a type: room and member are non-null
 * exactly where the command declared it needs them.
 */
export const runMiddleware: Middleware<MessageContext> = async (ctx) => {
  const { def, room, member, msg, work } = ctx
  if (!msg.roomId) return // parse stops direct messages first
  const roomId = msg.roomId
  const row = inboxRow(msg)
  const durable: DurableReply = {
    inbox: ctx.markedByWork ? null : { conversation: row.conversation, payload: row.payload, messageAt: row.messageAt },
    // Over the rate limit there is no reply of its own to write (the summary stands for it).
    address: (opts) => (ctx.quiet ? null : ctx.nextReply(opts)),
    written(text, opts) {
      if (ctx.quiet) return // held back: the summary stands for it
      const { key, ...to } = ctx.nextReply(opts)
      ctx.replies.push({ message: { ...to, text }, key, durable: true })
    },
  }
  const base = {
    durable,
    msg: { ...msg, roomId, mentionIds: msg.mentionIds ?? [] } satisfies CommandMessage,
    now: ctx.now,
    log: ctx.log,
    work,
    reply: ctx.reply,
    post: work.effects.post.bind(work.effects),
    schedule: work.effects.schedule.bind(work.effects),
    pace: ctx.deps.pace ?? DEFAULT_SEND_PACE,
    media: ctx.deps.media,
  }
  if (!def && ctx.ack) {
    if (!room) return
    return ctx.deps.commands.acknowledgement({ ...base, room, member, args: { number: ctx.ack.number, note: ctx.ack.note } })
  }
  if (!def && msg.kind === 'voice') {
    if (!room) return
    return ctx.deps.commands.voice({ ...base, room, member, args: null })
  }
  if (!def) {
    if (ctx.command || !room || (msg.kind !== 'location' && msg.kind !== 'image')) return
    return ctx.deps.commands.attachment({
      ...base,
      room,
      member,
      args: { kind: msg.kind, location: msg.location, mediaRef: msg.mediaRef, mediaMissing: msg.mediaMissing },
    })
  }
  switch (def.access) {
    case 'member':
      if (!room || !member) throw new Error(`#${def.name} reached its handler without a room or member`)
      return def.run({ ...base, args: ctx.args, room, member })
    case 'guest':
      if (!room) throw new Error(`#${def.name} reached its handler without a room`)
      return def.run({ ...base, args: ctx.args, room, member })
    case 'unbound-room':
      if (!member) throw new Error(`#${def.name} reached its handler without a member`)
      return def.run({ ...base, args: ctx.args, room, member, orgChanged: () => work.effects.afterCommit(() => ctx.deps.org.clear()) })
  }
}
