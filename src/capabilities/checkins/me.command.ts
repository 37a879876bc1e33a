import { memberSummary } from './checkin.service.ts'
import { checkinCommandTexts, checkinTexts } from './checkin.texts.ts'
import { ok, type CommandDef } from '../../pipeline/command.ts'

export const meCommand: CommandDef<null> = {
  access: 'member',
  ...checkinCommandTexts.me,
  parse: () => ok(null),
  async run(ctx) {
    const m = ctx.member
    const s = await memberSummary(ctx.work, m.id)
    ctx.reply(checkinTexts.me({ name: m.name, role: m.role, unitName: m.unit.name, teams: m.teams }, s), { mention: true })
  },
}
