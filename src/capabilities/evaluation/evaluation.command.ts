// #评价 (a cadre's own evaluation, or a supervisor's table of their subtree) and #评定 (a supervisor's grade of a
// cadre for a month, quarter or year, audited). Scores are never ranked, and never posted in a grid's group.
import { mentionedMembers } from '../../kernel/org/org.service.ts'
import { parseGrade } from './evaluation-rules.ts'
import { evaluationTable, gradeCadre, ownEvaluation, unitNamed } from './evaluation.service.ts'
import { DEFAULT_PERIOD_WORD, evaluationCommandTexts, evaluationTexts } from './evaluation.texts.ts'
import { must } from '../../core/must.ts'
import type { Grade } from './evaluation.types.ts'
import { parsePeriod } from './periods.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { pageWord, SUMMARY_WORDS } from '../../parser/list-args.ts'
import { replyGradeSummary } from './evaluation-summary.command.ts'

type EvalArgs = { periodWord: string; unitName: string | null; summary: boolean; page: number }

function parseEvaluation(argv: string[], _text: string, now: Date): ParseResult<EvalArgs> {
  let periodWord: string | null = null
  let unitName: string | null = null
  let summary = false
  let page = 1
  for (const w of argv) {
    if (SUMMARY_WORDS.has(w) || pageWord(w)) {
      summary ||= SUMMARY_WORDS.has(w)
      page = pageWord(w) ?? page
      continue
    }
    const p = periodWord === null ? parsePeriod(w, now) : null
    // Understood as a time, but one with nothing to show: say so, not "no such unit".
    if (p && p.from.getTime() > now.getTime()) return problem(evaluationTexts.futurePeriod(w))
    if (!p && periodWord === null && /^\d{4}(?:-|年)\d{1,2}(?:月份?)?$|^\d{1,2}月份?$/.test(w)) return problem(evaluationTexts.noSuchMonth(w))
    if (p) periodWord = w
    else if (unitName === null) unitName = w
    else return problem(evaluationTexts.badArgs(w))
  }
  return ok({ periodWord: periodWord ?? DEFAULT_PERIOD_WORD, unitName, summary, page })
}

export const evaluationCommand: CommandDef<EvalArgs> = {
  access: 'member',
  ...evaluationCommandTexts.evaluation,
  parse: parseEvaluation,
  async run(ctx) {
    const period = must(parsePeriod(ctx.args.periodWord, ctx.now), 'EVALUATION_PERIOD_UNPARSED')
    if (ctx.args.summary) return replyGradeSummary(ctx, period)
    const leads = ctx.member.role === 'supervisor' || ctx.member.role === 'admin'
    const wantsTable = ctx.args.unitName !== null || (leads && ctx.room.unit.kind !== 'grid')
    if (!wantsTable) {
      const mine = await ownEvaluation(ctx.work, ctx.member, period)
      return ctx.reply(evaluationTexts.own(mine, period.label), { mention: true })
    }
    const scope = ctx.args.unitName ? await unitNamed(ctx.work, ctx.room, ctx.args.unitName) : ctx.room.unit
    const { rows, policy } = await evaluationTable(ctx.work, { viewer: ctx.member, room: ctx.room, scope, period })
    if (!rows.length) return ctx.reply(evaluationTexts.empty(scope.name))
    ctx.reply([evaluationTexts.head(scope.name, period.label, rows.length), ...rows.map(evaluationTexts.row), evaluationTexts.weights(policy)].join('\n'))
  },
}

type GradeArgs = { name: string; byMention: boolean; grade: Grade; periodWord: string }

function parseGrading(argv: string[], _text: string, now: Date): ParseResult<GradeArgs> {
  let grade: Grade | null = null
  let periodWord: string | null = null
  const rest: string[] = []
  for (const w of argv) {
    const g: Grade | null = grade === null ? parseGrade(w) : null
    if (g) grade = g
    else if (periodWord === null && parsePeriod(w, now)) periodWord = w
    else rest.push(w)
  }
  if (!rest.length) return problem(evaluationTexts.missingName())
  if (!grade) return problem(evaluationTexts.missingGrade())
  const [first, ...more] = rest
  if (first === undefined) return problem(evaluationTexts.missingName())
  if (more.length) return problem(evaluationTexts.badArgs(more.join(' ')))
  const name = first.replace(/^@+/, '')
  return ok({ name, byMention: first.startsWith('@'), grade, periodWord: periodWord ?? DEFAULT_PERIOD_WORD })
}

export const gradeCommand: CommandDef<GradeArgs> = {
  access: 'member',
  ...evaluationCommandTexts.grade,
  roles: ['supervisor', 'admin'],
  parse: parseGrading,
  async run(ctx) {
    const a = ctx.args
    const period = must(parsePeriod(a.periodWord, ctx.now), 'EVALUATION_PERIOD_UNPARSED')
    const mentioned =
      a.byMention || ctx.msg.mentionIds.length ? await mentionedMembers(ctx.work, ctx.room, ctx.msg.mentionIds, a.byMention ? [a.name] : []) : []
    const r = await gradeCadre(ctx.work, { grader: ctx.member, room: ctx.room, name: a.name, mentioned, grade: a.grade, period })
    ctx.reply(evaluationTexts.graded(r.subject.name, period.label, a.grade, r.previous), { mention: true })
  },
}
