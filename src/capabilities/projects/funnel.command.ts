// #清单: the funnel 需求 → 任务 → 项目 (and resources matched) of this group's unit and its subtree, for a period.
import { funnelCommandHelp } from './funnel.command.help.texts.ts'
import { must } from '../../core/must.ts'
import { parsePeriod } from '../../parser/period.ts'
import { funnelFor } from './funnel.service.ts'
import { funnelTexts } from './project.texts.ts'
import { projectWords } from './project-words.texts.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'

type Args = { word: string }

function parse(argv: string[], _text: string, now: Date): ParseResult<Args> {
  const word = argv[0] ?? projectWords.thisMonth
  if (argv.length > 1) return problem(funnelTexts.badPeriod(argv.join(' ')))
  if (!projectWords.allTimeWords.includes(word) && !parsePeriod(word, now)) return problem(funnelTexts.badPeriod(word))
  return ok({ word })
}

export const funnelCommand: CommandDef<Args> = {
  access: 'member',
  name: funnelCommandHelp.funnelCommand.name,
  aliases: ['funnel'],
  summary: funnelCommandHelp.funnelCommand.summary,
  usage: funnelCommandHelp.funnelCommand.usage,
  example: funnelCommandHelp.funnelCommand.example,
  parse,
  async run(ctx) {
    const all = projectWords.allTimeWords.includes(ctx.args.word)
    const period = all
      ? { from: new Date(0), to: new Date(Date.UTC(9999, 0, 1)), label: funnelTexts.allTime }
      : must(parsePeriod(ctx.args.word, ctx.now), 'FUNNEL_PERIOD')
    const counts = await funnelFor(ctx.work, ctx.room.unit, period)
    ctx.reply(`${funnelTexts.head(ctx.room.unit.name, period.label)}\n${funnelTexts.body(counts)}`)
  },
}
