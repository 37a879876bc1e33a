// #登记 (anyone in a bound group), #确认 and #驳回 (supervisors, admins): linking people listed in the roster by name
// to their WeChat contact ids. The rules are in domain/registration.
import { parseDecision, parseRegistration } from './registration-rules.ts'
import type { Role } from '../../kernel/org/org.types.ts'
import { decide, register } from './registration.service.ts'
import { registrationTexts as T } from './registration.texts.ts'
import { registrationCommandTexts as C, registrationParseTexts } from './registration-parse.texts.ts'
import { ok, problem, type CommandDef, type CommandContext } from '../../pipeline/command.ts'

export const registerCommand: CommandDef<{ name: string; phone4: string | null }> = {
  // A guest command: whoever sends it is not linked yet (a linked sender is told so).
  access: 'guest',
  ...C.register,
  aliases: ['register'],
  example: T.example,
  parse(argv) {
    const r = parseRegistration(argv)
    return 'problem' in r ? problem(r.problem, r.example) : ok(r)
  },
  async run(ctx) {
    if (ctx.member) return ctx.reply(T.senderLinked(ctx.member.name, ctx.member.role), { mention: true })
    const registered = await register(
      ctx.work,
      ctx.room,
      { wxid: ctx.msg.talkerId, displayName: ctx.msg.talkerName, accountId: ctx.msg.accountId, messageId: ctx.msg.messageId },
      ctx.args,
    )
    ctx.reply(T.registered(registered), { mention: true })
  },
}

type Decision = { name: string; number: number | null; role: Role | null }

const decision = (action: 'confirm' | 'reject', example: string): CommandDef<Decision> => ({
  access: 'member',
  ...C[action],
  aliases: [action === 'confirm' ? 'approve' : 'deny'],
  example,
  roles: ['supervisor', 'admin'],
  parse(argv) {
    const d = parseDecision(argv)
    return d ? ok(d) : problem(registrationParseTexts.noApplicant)
  },
  async run(ctx: CommandContext<Decision>) {
    const r = await decide(ctx.work, ctx.member, ctx.room, { ...ctx.args, action, messageId: ctx.msg.messageId })
    ctx.reply(T.decided(r), { mention: true, mentionIds: 'mentionIds' in r ? r.mentionIds : [] })
  },
})

export const confirmRegistrationCommand = decision('confirm', T.confirmExample)
export const rejectRegistrationCommand = decision('reject', T.rejectExample)
