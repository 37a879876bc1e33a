// #积分 (balance and last entries), #排行 (rankings that never shame), #冲正 (a reversing entry with a reason).
import { entry } from '../../core/match-group.ts'
import { correct, statement, type CorrectableSource } from './points.service.ts'
import { ledgerTexts } from './points.texts.ts'
import { pointsArgTexts, pointsCommandTexts } from './points-commands.texts.ts'
import { PERIOD_WORDS, type PeriodKind } from './points-rules.ts'
import { ranking, rankingText, SCOPE_WORDS } from './ranking.service.ts'
import { replyUnitRanking } from './unit-ranking.command.ts'
import { ranksLevelBelow } from './unit-ranking.service.ts'
import { pageWord } from '../../parser/list-args.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { parseRef } from '../../parser/refs.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'

export const pointsCommand: CommandDef<null> = {
  access: 'member',
  ...pointsCommandTexts.points,
  parse: () => ok(null),
  async run(ctx) {
    const s = await statement(ctx.work, ctx.member)
    // A correction's reason is about a unit's record: read in a group of another unit, it is masked.
    const last = s.last.map((e) => (e.reason ? { ...e, reason: textFor(ctx.room.unitId, e.unitId, e.reason) } : e))
    ctx.reply(ledgerTexts.balance(ctx.member.name, s.balance, last), { mention: true })
  },
}

type RankArgs = { period: PeriodKind; scope: string | null; page: number; words: string[] }

export function parseRank(argv: string[]): ParseResult<RankArgs> {
  let period: PeriodKind = 'month'
  let scope: string | null = null
  let page = 1
  const words: string[] = []
  for (const w of argv) {
    const p = pageWord(w)
    if (p) page = p
    else if (PERIOD_WORDS[w]) period = PERIOD_WORDS[w]
    else if (SCOPE_WORDS[w]) scope = w
    else return problem(pointsArgTexts.rankBadWord(w))
    if (!p) words.push(w)
  }
  return ok({ period, scope, page, words })
}

export const rankCommand: CommandDef<RankArgs> = {
  access: 'member',
  ...pointsCommandTexts.rank,
  parse: parseRank,
  async run(ctx) {
    // Above the level named: the units of that level compared (#排行 本月 网格 in the district's group).
    const level = ctx.args.scope ? entry(SCOPE_WORDS, ctx.args.scope) : null
    if (ranksLevelBelow(ctx.room.unit, level)) return replyUnitRanking(ctx, { ...ctx.args, level })
    const r = await ranking(ctx.work, { member: ctx.member, roomUnit: ctx.room.unit, period: ctx.args.period, scopeWord: ctx.args.scope })
    ctx.reply(rankingText(r), { mention: true })
  },
}

type CorrectArgs = { source: CorrectableSource; number: number; label: string; reason: string }

/** The letter of an id says what earned the points (check-ins have no id people type, and need no correction). */
const CORRECTABLE: [letter: string, source: CorrectableSource][] = [
  ['V', 'volunteer'],
  ['T', 'task'],
  ['H', 'hazard'],
  ['P', 'project'],
]

export function parseCorrect(argv: string[]): ParseResult<CorrectArgs> {
  let found: { source: CorrectableSource; number: number; label: string } | null = null
  for (const [letter, source] of CORRECTABLE) {
    const r = parseRef(letter, argv[0])
    if (r.ok) found = { source, number: r.number, label: r.label }
  }
  if (!found) return problem(ledgerTexts.reverseBadRef())
  const reason = argv.slice(1).join(' ').trim()
  if (!reason) return problem(ledgerTexts.reverseNeedsReason())
  return ok({ ...found, reason })
}

export const correctCommand: CommandDef<CorrectArgs> = {
  access: 'member',
  ...pointsCommandTexts.correct,
  roles: ['supervisor', 'admin'],
  parse: parseCorrect,
  async run(ctx) {
    const r = await correct(ctx.work, { actor: ctx.member, room: ctx.room, ...ctx.args })
    ctx.reply(textFor(ctx.room.unitId, r.ownerUnitId, ledgerTexts.reverseDone(r.label, r.rows, r.reason)), { mention: true, mentionIds: r.mentionIds })
  },
}
