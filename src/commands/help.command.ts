import { argvAsIs, type AnyCommand, type CommandDef } from '../pipeline/command.ts'

/** Built with the list it describes, so help never drifts from what the router accepts. */
export function helpCommand(sections: () => { title: string; commands: AnyCommand[] }[]): CommandDef<{ argv: string[]; text: string }> {
  const self: CommandDef<{ argv: string[]; text: string }> = {
    access: 'guest',
    name: '帮助',
    aliases: ['help', '菜单', '?', '？'],
    summary: '查看命令',
    usage: '#帮助 [命令]',
    example: '#帮助 签到',
    parse: argvAsIs,
    async run(ctx) {
      const want = ctx.args.argv[0]?.replace(/^[#/]/, '')
      const all = [self, ...sections().flatMap((s) => s.commands)]
      const one = want ? all.find((c) => c.name === want || c.aliases.includes(want.toLowerCase())) : undefined
      if (one) return ctx.reply(`#${one.name}:${one.summary}\n用法:${one.usage}\n例如:${one.example}`)
      const member = ctx.member
      const mayUse = (c: AnyCommand) => (member ? !c.roles || c.roles.includes(member.role) : c.access === 'guest')
      // One line per capability, names only: a list of forty commands with their summaries is no help on a phone.
      const lines = sections()
        .map((s) => ({ title: s.title, names: s.commands.filter(mayUse).map((c) => `#${c.name}`) }))
        .filter((s) => s.names.length)
        .map((s) => `【${s.title}】${s.names.join(' ')}`)
      const tail = member
        ? '\n发送 #帮助 命令名 查看用法和例子,如:#帮助 隐患'
        : '\n您尚未登记为网格成员,可以在网格群里上报隐患。名单上有您的姓名?请发送 #登记 姓名,登记后可使用签到等命令。'
      ctx.reply(`网格助手命令:\n${lines.join('\n')}\n#帮助 查看命令${tail}`)
    },
  }
  return self
}
