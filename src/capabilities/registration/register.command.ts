// #登记 (anyone in a bound group), #确认 and #驳回 (supervisors, admins): linking people listed in the roster by name
// to their WeChat contact ids. The rules are in domain/registration.
import { parseDecision, parseRegistration } from './registration-rules.ts'
import type { Role } from '../../kernel/org/org.types.ts'
import { decide, register } from './registration.service.ts'
import { registrationTexts as T } from './registration.texts.ts'
import { ok, problem, type CommandDef, type CommandContext } from '../../pipeline/command.ts'

export const registerCommand: CommandDef<{ name: string; phone4: string | null }> = {
  // A guest command: whoever sends it is not linked yet (a linked sender is told so).
  access: 'guest',
  name: '登记',
  aliases: ['register'],
  summary: '把您的微信登记到名单上的姓名(新成员)',
  usage: '#登记 <姓名> [手机后四位]',
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

const decision = (verb: '确认' | '驳回', action: 'confirm' | 'reject', example: string): CommandDef<Decision> => ({
  access: 'member',
  name: verb,
  aliases: [action === 'confirm' ? 'approve' : 'deny'],
  summary: `${verb}新成员的登记(负责人、管理员)`,
  usage: `#${verb} <姓名> [登记号] [网格员/志愿者…]`,
  example,
  roles: ['supervisor', 'admin'],
  parse(argv) {
    const d = parseDecision(argv)
    return d ? ok(d) : problem(`请写上申请人的姓名;同名的有多条时再写登记号`)
  },
  async run(ctx: CommandContext<Decision>) {
    const r = await decide(ctx.work, ctx.member, ctx.room, { ...ctx.args, action, messageId: ctx.msg.messageId })
    ctx.reply(T.decided(r), { mention: true, mentionIds: 'mentionIds' in r ? r.mentionIds : [] })
  },
})

export const confirmRegistrationCommand = decision('确认', 'confirm', T.confirmExample)
export const rejectRegistrationCommand = decision('驳回', 'reject', T.rejectExample)
