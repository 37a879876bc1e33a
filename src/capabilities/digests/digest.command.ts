// #日报 [昨天|今天|11月20日], #周报 [上周|本周], #月报 [上月|本月|11月]: the digest of this group's unit and its
// subtree, on demand (the scheduled ones go out at 08:00 by policy). Supervisors and admins, in a group of a unit
// they lead (not a grid's group). Counts, unit names and record numbers only.
import { digestPeriodOf } from './digest-rules.ts'
import { digestOnDemand } from './digest.service.ts'
import { digestTexts } from './digest.texts.ts'
import type { DigestKind, DigestPeriod } from './digest.types.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'

type Args = { period: DigestPeriod }

const parseFor =
  (kind: DigestKind) =>
  (argv: string[], _text: string, now: Date): ParseResult<Args> => {
    const r = digestPeriodOf(kind, argv.join(''), now)
    return r.ok ? ok({ period: r.period }) : problem(r.problem)
  }

const make = (kind: DigestKind): CommandDef<Args> => ({
  access: 'member',
  ...digestTexts.commands[kind],
  aliases: [kind],

  roles: ['supervisor', 'admin'],
  parse: parseFor(kind),
  async run(ctx) {
    const unit = ctx.room.unit
    if (unit.kind === 'grid' || !unit.path.startsWith(ctx.member.unit.path)) return ctx.reply(digestTexts.notHere)
    ctx.reply(await digestOnDemand(ctx.work, ctx.media, ctx.room, ctx.args.period, ctx.msg.messageId))
  },
})

export const dailyDigestCommand = make('daily')
export const weeklyDigestCommand = make('weekly')
export const monthlyDigestCommand = make('monthly')
