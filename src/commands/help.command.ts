import { argvAsIs, type AnyCommand, type CommandDef } from '../pipeline/command.ts'

/** Built with the list it describes, so help never drifts from what the router accepts. */
export function helpCommand(all: () => AnyCommand[]): CommandDef<{ argv: string[]; text: string }> {
  return {
    access: 'guest',
    name: '帮助',
    aliases: ['help', '菜单', '?', '？'],
    summary: '查看命令',
    usage: '#帮助 [命令]',
    example: '#帮助 签到',
    parse: argvAsIs,
    async run(ctx) {
      const want = ctx.args.argv[0]?.replace(/^[#/]/, '')
      const list = all()
      const one = want ? list.find((c) => c.name === want || c.aliases.includes(want.toLowerCase())) : undefined
      if (one) return ctx.reply(`#${one.name}:${one.summary}\n用法:${one.usage}\n例如:${one.example}`)
      const member = ctx.member
      const visible = list.filter((c) => (member ? !c.roles || c.roles.includes(member.role) : c.access === 'guest'))
      const lines = visible.map((c) => `#${c.name} ${c.summary}`)
      const tail = member ? '\n发送 #帮助 命令名 查看用法,如:#帮助 签到' : '\n您尚未登记为网格成员,登记后可使用签到等命令。'
      ctx.reply(`网格助手命令:\n${lines.join('\n')}${tail}`)
    },
  }
}
