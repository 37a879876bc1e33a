import type { CommandDef } from './command.ts'

/** Built with the list it describes, so help never drifts from what the router accepts. */
export function helpCommand(all: () => CommandDef[]): CommandDef {
  return {
    name: '帮助',
    aliases: ['help', '菜单', '?', '？'],
    summary: '查看命令',
    usage: '#帮助 [命令]',
    example: '#帮助 签到',
    guest: true,
    async run(ctx) {
      const want = ctx.command!.argv[0]?.replace(/^[#/]/, '')
      const list = all()
      const one = want ? list.find((c) => c.name === want || c.aliases.includes(want.toLowerCase())) : undefined
      if (one) return ctx.reply(`#${one.name}:${one.summary}\n用法:${one.usage}\n例如:${one.example}`)
      const visible = list.filter((c) => (ctx.member ? !c.roles || c.roles.includes(ctx.member.role) : c.guest))
      const lines = visible.map((c) => `#${c.name} ${c.summary}`)
      const tail = ctx.member ? '\n发送 #帮助 命令名 查看用法,如:#帮助 签到' : '\n您尚未登记为网格成员,登记后可使用签到等命令。'
      ctx.reply(`网格助手命令:\n${lines.join('\n')}${tail}`)
    },
  }
}
