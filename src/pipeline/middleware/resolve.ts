import type { Middleware } from '../../core/compose.ts'
import { UsageError } from '../../core/errors.ts'
import { closest } from '../../parser/closest.ts'
import { isMemberName, registrarNames } from '../../kernel/org/org.service.ts'
import { districtOf } from '../../kernel/org/org.types.ts'
import type { MessageContext } from '../context.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { stripInvisible } from '../../parser/normalise.ts'
import { withTypedText } from '../../parser/typed.ts'
import { pipelineTexts } from '../pipeline.texts.ts'

/**
 * Decides whether this sender may run this command here, then parses its arguments — once, with the command's
 * own parser. Refusals change nothing.
 */
export const resolveMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { command, def, member } = ctx
  if (!command) return next() // a location or an image
  // "签到 巡查" without #: a member's command where the unit's policy allows that word bare; anyone else's is chat.
  if (command.bare && (!member || !ctx.room || !(await unitContext(ctx.deps.prisma, ctx.room.unit)).policy.bareCommands.includes(command.word))) return
  if (!def) {
    if (!member) return // a guest's unknown "#…" is chat, not a command for us
    const near = closest(command.word, ctx.deps.commands.words())
    return ctx.reply(pipelineTexts.unknownCommand(command.word.slice(0, 20), near), { mention: true })
  }
  if (!member && def.access !== 'guest') {
    const db = ctx.deps.prisma
    // A display name that is an unlinked entry of this unit: perhaps the person themselves, not yet linked. Only
    // a hint (#登记 decides, by the rules there); the command is not run.
    const hint = ctx.room && (await ctx.deps.commands.guestHint(db, ctx.room, ctx.msg.talkerName, ctx.msg.talkerId))
    if (hint) return ctx.reply(hint, { mention: true })
    const who = ctx.room ? await registrarNames(db, ctx.room.unit) : []

    // A guest showing a member's display name is told they are not that member, so the group does not read the
    // refusal as "李佳鑫 is not registered".
    const namesake = ctx.room && (await isMemberName(db, districtOf(ctx.room.unit), ctx.msg.talkerName))
    return ctx.reply(pipelineTexts.notRegistered(def.name, who, namesake ? stripInvisible(ctx.msg.talkerName) : null), { mention: true })
  }
  if (member && def.roles && !def.roles.includes(member.role)) {
    return ctx.reply(pipelineTexts.rolesOnly(def.name, def.roles), { mention: true })
  }
  const parsed = def.parse(command.argv, command.args, ctx.now)
  if (!parsed.ok) throw new UsageError(parsed.problem, parsed.example ?? def.example)
  // Normalisation is for reading the command; what people wrote is kept as they wrote it (，、。 and all).
  ctx.args = withTypedText(parsed.args, ctx.msg.text)
  await next()
}
