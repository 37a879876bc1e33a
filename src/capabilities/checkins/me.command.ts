import { memberSummary } from './checkin.service.ts'
import { ROLE_LABEL } from '../../kernel/org/org.types.ts'
import { ok, type CommandDef } from '../../pipeline/command.ts'

export const meCommand: CommandDef<null> = {
  access: 'member',
  name: '我的',
  aliases: ['我', 'me'],
  summary: '我的角色、单位和签到次数',
  usage: '#我的',
  example: '#我的',
  parse: () => ok(null),
  async run(ctx) {
    const m = ctx.member
    const s = await memberSummary(ctx.work, m.id)
    const teams = m.teams.length ? `\n队伍:${m.teams.join('、')}` : ''
    ctx.reply(`${m.name}|${ROLE_LABEL[m.role]}|${m.unit.name}${teams}\n签到:今日 ${s.today} 次,本月 ${s.month} 次`, { mention: true })
  },
}
