// #六个一: record one of the six (台账 案例 项目 难题 报告 建议) with images as evidence, or see one's progress.
import { sixCommandHelp } from './six.command.help.texts.ts'
import { recordSix, sixOf } from './six.service.ts'
import { sixTexts } from './project.texts.ts'
import { SIX_LABEL, sixKindOf, type SixKind } from './six-rules.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'

type Args = { kind: 'show' } | { kind: 'record'; six: SixKind; note: string }

const MAX_NOTE = 300

function parse(argv: string[]): ParseResult<Args> {
  const [first] = argv
  if (first === undefined) return ok({ kind: 'show' })
  const six = sixKindOf(first)
  if (!six) return problem(sixTexts.badKind(first))
  const note = argv.slice(1).join(' ').trim()
  if (!note) return problem(sixTexts.missingNote(SIX_LABEL[six].word))
  if (note.length > MAX_NOTE) return problem(sixTexts.tooLong(MAX_NOTE))
  return ok({ kind: 'record', six, note })
}

export const sixCommand: CommandDef<Args> = {
  access: 'member',
  name: sixCommandHelp.sixCommand.name,
  aliases: ['six'],
  summary: sixCommandHelp.sixCommand.summary,
  usage: sixCommandHelp.sixCommand.usage,
  example: sixCommandHelp.sixCommand.example,
  roles: ['grid_cadre', 'supervisor', 'admin'],
  parse,
  async run(ctx) {
    const a = ctx.args
    if (a.kind === 'show') {
      const r = await sixOf(ctx.work, ctx.member.id)
      const lines = r.records.slice(-5).map(sixTexts.recordLine)
      return ctx.reply(sixTexts.progress(ctx.member.name, r.progress, r.year, lines), { mention: true })
    }
    const r = await recordSix({ ...ctx.work, messageId: ctx.msg.messageId }, { member: ctx.member, roomId: ctx.room.id, kind: a.six, note: a.note })
    ctx.reply(sixTexts.recorded(a.six, r.evidence, r.progress, r.year), { mention: true })
  },
}
