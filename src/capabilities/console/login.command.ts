import { issueLoginCode } from './web-login.service.ts'
import { loginCommandTexts, loginTexts } from './login.texts.ts'
import { ok, type CommandDef } from '../../pipeline/command.ts'

export const loginCommand: CommandDef<null> = {
  access: 'member',
  ...loginCommandTexts,
  aliases: ['login'],
  roles: ['admin', 'supervisor'],
  parse: () => ok(null),
  async run(ctx) {
    // The code goes only to the member's own unit's group: not to a grid group a supervisor also sits in.
    if (ctx.room.unitId !== ctx.member.unitId) return ctx.reply(loginTexts.ownRoomOnly(ctx.member.unit.name), { mention: true })
    const r = await issueLoginCode(ctx.work, ctx.member)
    if (r.kind === 'not_allowed') return ctx.reply(loginTexts.notAllowed(), { mention: true })
    if (r.kind === 'too_many') return ctx.reply(loginTexts.tooMany(), { mention: true })
    ctx.reply(loginTexts.code(r.code, r.expiresAt), { mention: true })
  },
}
