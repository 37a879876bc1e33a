import type { CommandDef } from './command.ts'
import { memberSummary } from '../domain/checkin/checkin.service.ts'
import { ROLE_LABEL } from './format.ts'

export const meCommand: CommandDef = {
  name: '我的',
  aliases: ['我', 'me'],
  summary: '我的角色、单位和签到次数',
  usage: '#我的',
  example: '#我的',
  async run(ctx) {
    const m = ctx.member!
    const s = await memberSummary(ctx.db, m.id, ctx.now)
    const teams = m.teams.length ? `\n队伍:${m.teams.join('、')}` : ''
    ctx.reply(`${m.name}|${ROLE_LABEL[m.role]}|${m.unit.name}${teams}\n签到:今日 ${s.today} 次,本月 ${s.month} 次`, { mention: true })
  },
}
