import type { Middleware } from '../../core/compose.ts'
import { handleAttachment } from '../../commands/attachment.handler.ts'
import type { MessageContext } from '../context.ts'

/** The end of the chain: the command's handler, or the attachment handler for locations and images. */
export const runMiddleware: Middleware<MessageContext> = async (ctx) => {
  if (ctx.def) await ctx.def.run(ctx)
  else if (!ctx.command) await handleAttachment(ctx)
}
