// #导出 台账 [本月|上月|11月]: the month's 台账 (.xlsx: 签到 任务 隐患 志愿 积分 项目) of this group's unit and its subtree,
// sent into the group as a file message. Supervisors and admins, in a group of a unit they lead (not a grid's group);
// free texts are masked as anything read from above is. A whole district's month takes longer than a command may hold
// its transaction, so the command only records the request and answers at once; a timer job builds and posts the file.
import { requestLedgerExport } from './ledger-export-job.service.ts'
import { ledgerMonthOf } from './ledger-rules.ts'
import { ledgerTexts } from './ledger.texts.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'

type Args = { month: string; label: string }

const LEDGER_WORDS = new Set(ledgerTexts.ledgerWords)

function parse(argv: string[], _text: string, now: Date): ParseResult<Args> {
  const [what, ...rest] = argv
  if (!what || !LEDGER_WORDS.has(what)) return problem(ledgerTexts.notLedger(what ?? ''))
  const r = ledgerMonthOf(rest.join(''), now)
  return r.ok ? ok({ month: r.month, label: r.label }) : problem(r.problem)
}

export const exportCommand: CommandDef<Args> = {
  access: 'member',
  ...ledgerTexts.command,
  aliases: ['export'],

  roles: ['supervisor', 'admin'],
  parse,
  async run(ctx) {
    const unit = ctx.room.unit
    if (unit.kind === 'grid' || !unit.path.startsWith(ctx.member.unit.path)) return ctx.reply(ledgerTexts.notHere)
    await requestLedgerExport(ctx.work, { room: ctx.room, month: ctx.args.month, label: ctx.args.label, messageId: ctx.msg.messageId })
    ctx.reply(ledgerTexts.queued(unit.name, ctx.args.label))
  },
}
