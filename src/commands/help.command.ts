import { argvAsIs, type AnyCommand, type CommandDef } from '../pipeline/command.ts'
import { helpTexts } from './help.texts.ts'

/** Built with the list it describes, so help never drifts from what the router accepts. */
export function helpCommand(sections: () => { title: string; commands: AnyCommand[] }[]): CommandDef<{ argv: string[]; text: string }> {
  const self: CommandDef<{ argv: string[]; text: string }> = {
    access: 'guest',
    ...helpTexts.command,
    parse: argvAsIs,
    async run(ctx) {
      const want = ctx.args.argv[0]?.replace(/^[#/]/, '')
      const all = [self, ...sections().flatMap((s) => s.commands)]
      const one = want ? all.find((c) => c.name === want || c.aliases.includes(want.toLowerCase())) : undefined
      if (one) return ctx.reply(helpTexts.one(one))
      const member = ctx.member
      const mayUse = (c: AnyCommand) => (member ? !c.roles || c.roles.includes(member.role) : c.access === 'guest')
      // One line per capability, names only: a list of forty commands with their summaries is no help on a phone.
      const lines = sections()
        .map((s) => ({ title: s.title, names: s.commands.filter(mayUse).map((c) => `#${c.name}`) }))
        .filter((s) => s.names.length)
        .map((s) => helpTexts.section(s.title, s.names))
      ctx.reply(helpTexts.list(lines, member ? helpTexts.memberTail : helpTexts.guestTail))
    },
  }
  return self
}
