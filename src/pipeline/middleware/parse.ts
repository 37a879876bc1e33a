import type { Middleware } from '../../core/compose.ts'
import { parseAck } from '../../parser/ack.ts'
import { BARE_COMMANDS, MAX_COMMAND_TEXT, oversizeCommand, parseCommand, rejoinSplitWord } from '../../parser/command.ts'
import { quotedSignUp } from '../../parser/quote.ts'
import type { MessageContext } from '../context.ts'
import { pipelineTexts } from '../pipeline.texts.ts'

/**
 * Direct messages, oversize texts and chat that is not a command stop here — except an acknowledgement of a notice
 * (收到, 1, 👌 …), which goes on to the acknowledgement handler. A command's word is looked up once: the rest of the
 * chain knows which command (if any) it is.
 */
export const parseMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { msg, deps } = ctx
  if (!msg.roomId) {
    deps.counters.inc('ignored.direct')
    ctx.log.debug('direct message ignored')
    return
  }
  if (msg.kind === 'text') {
    if (msg.text.length > MAX_COMMAND_TEXT) {
      if (oversizeCommand(msg.text, { mentionsSelf: msg.mentionsSelf })) {
        deps.counters.inc('refused.oversize')
        return ctx.reply(oversizeText(), { mention: true })
      }
      deps.counters.inc('ignored.oversize')
      ctx.log.info({ length: msg.text.length }, 'oversize text not parsed')
      return
    }
    // `报名` quoting an activity's post is `#报名 A3` (parser/quote.ts).
    const parsed = parseCommand(msg.text, { mentionsSelf: msg.mentionsSelf, bare: BARE_COMMANDS }) ?? quotedSignUp(msg.text)
    ctx.command = parsed && rejoinSplitWord(parsed, (w) => !!deps.commands.find(w))
    if (!ctx.command) {
      ctx.ack = parseAck(msg.text)
      if (!ctx.ack) return
      return next()
    }
    ctx.def = deps.commands.find(ctx.command.word) ?? null
    if (ctx.command.bare && !ctx.def) return
    // "@网格助手 收到" or "#收到": no such command, but an acknowledgement all the same.
    const ack = ctx.def ? null : parseAck(`${ctx.command.word} ${ctx.command.args}`.trim())
    if (ack) {
      ctx.command = null
      ctx.ack = ack
    }
  } else if (msg.kind === 'other') return
  await next()
}

/** A command too long to take: nothing was done, and why. */
export const oversizeText = () => pipelineTexts.oversize(MAX_COMMAND_TEXT)
