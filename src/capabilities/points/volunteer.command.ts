// 志愿服务时长: #志愿 logs hours (for oneself and the people named), #审核 decides them.
import { approveAll, decide, logHours, pendingFor, type VolunteerOp, type VolunteerRef } from './volunteer.service.ts'
import { volunteerTexts } from './points.texts.ts'
import { APPROVE_ALL_WORD, APPROVE_WORDS, pointsArgTexts, pointsCommandTexts, REJECT_WORDS } from './points-commands.texts.ts'
import { parseServiceDay, parseServiceDuration } from './points-rules.ts'
import { DEFAULT_POINTS_POLICY } from './points-policy.ts'
import { parseRef } from '../../parser/refs.ts'
import { ok, problem, type CommandContext, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { mentionedMembers } from '../../kernel/org/org.service.ts'
import { textFor } from '../../kernel/org/visibility.ts'

const op = (ctx: CommandContext<unknown>): VolunteerOp => ({ ...ctx.work, actor: ctx.member, room: ctx.room, messageId: ctx.msg.messageId })

type LogArgs = { duration: string; activity: string; names: string[]; day: Date | null }

/**
 * "#志愿 2小时 助老服务 @张三": the service day if not today (昨天, 11月19日), the duration (a unit may be typed apart:
 * "2 小时", or the activity glued on: "2小时助老"), then the activity, then @people.
 */
export function parseVolunteer(argv: string[], _text = '', now: Date = new Date()): ParseResult<LogArgs> {
  const [first] = argv
  if (first === undefined) return problem(volunteerTexts.missingDuration())
  let words = argv
  let day: Date | null = null
  const d = parseServiceDay(first, now)
  if (d) {
    if (!d.ok) return problem(volunteerTexts.badDay(first, d.problem), pointsArgTexts.badDayExample)
    day = d.day
    words = argv.slice(1)
    if (!words.length) return problem(volunteerTexts.missingDuration())
  }
  const read = (s: string) => parseServiceDuration(s, DEFAULT_POINTS_POLICY.halfDay)
  const [firstWord = '', ...afterFirst] = words
  let duration = firstWord
  let rest = afterFirst
  if (read(duration) === null && words[1] && read(duration + words[1]) !== null) {
    duration += words[1]
    rest = words.slice(2)
  } else if (read(duration) === null) {
    // "2小时助老": the longest start that is a duration, the rest is the activity.
    for (let n = duration.length - 1; n > 0; n--) {
      if (read(duration.slice(0, n)) === null) continue
      rest = [duration.slice(n), ...rest]
      duration = duration.slice(0, n)
      break
    }
  }
  const minutes = read(duration)
  if (minutes === null || minutes <= 0) return problem(volunteerTexts.badDuration(duration))
  // Two durations ("2小时 3小时", "半天 半天"): which one is meant is asked, nothing recorded.
  const second = rest[0] !== undefined && read(rest[0]) !== null ? rest[0] : rest[0] && rest[1] && read(rest[0] + rest[1]) !== null ? rest[0] + rest[1] : null
  if (second) return problem(volunteerTexts.twoDurations(duration, second), volunteerTexts.twoDurationsExample(duration))
  const names = rest.filter((w) => w.startsWith('@')).flatMap((w) => w.split('@').filter(Boolean))
  const activity = rest
    .filter((w) => !w.startsWith('@'))
    .join(' ')
    .trim()
  if (!activity) return problem(volunteerTexts.missingActivity())
  return ok({ duration, activity, names, day })
}

export const volunteerCommand: CommandDef<LogArgs> = {
  access: 'member',
  ...pointsCommandTexts.volunteer,
  parse: parseVolunteer,
  async run(ctx) {
    const named = await mentionedMembers(ctx.work, ctx.room, ctx.msg.mentionIds, ctx.args.names)
    const people = [ctx.member, ...named.filter((m) => m.id !== ctx.member.id)]
    const rows = await logHours(op(ctx), { people, duration: ctx.args.duration, activity: ctx.args.activity, day: ctx.args.day })
    ctx.reply(volunteerTexts.logged(rows, rows.skipped), { mention: true, mentionIds: named.map((m) => m.wxid) })
  },
}

type ReviewArgs = { kind: 'list' } | { kind: 'all' } | { kind: 'one'; ref: VolunteerRef; approve: boolean; reason: string }

const APPROVE = APPROVE_WORDS
const REJECT = REJECT_WORDS

export function parseReview(argv: string[]): ParseResult<ReviewArgs> {
  const [first] = argv
  if (first === undefined) return ok({ kind: 'list' })
  if (argv.join('') === APPROVE_ALL_WORD) return ok({ kind: 'all' })
  const r = parseRef('V', first)
  if (!r.ok) return problem(volunteerTexts.malformedRef(first))
  const verdict = argv[1]?.toLowerCase() ?? ''
  const reason = argv.slice(2).join(' ').trim()
  if (APPROVE.has(verdict)) return ok({ kind: 'one', ref: { number: r.number, label: r.label }, approve: true, reason: '' })
  if (REJECT.has(verdict))
    return reason
      ? ok({ kind: 'one', ref: { number: r.number, label: r.label }, approve: false, reason })
      : problem(volunteerTexts.needReason(), pointsArgTexts.rejectExample(r.label))
  return problem(volunteerTexts.badVerdict())
}

export const reviewCommand: CommandDef<ReviewArgs> = {
  access: 'member',
  ...pointsCommandTexts.review,
  parse: parseReview,
  async run(ctx) {
    const a = ctx.args
    if (a.kind === 'list') {
      const { entries, people, more } = await pendingFor(op(ctx))
      if (!entries.length) return ctx.reply(volunteerTexts.pendingNone())
      // Entries of units below are listed without their personal data (it stays in their own groups).
      const lines = entries.map((v) =>
        textFor(ctx.room.unitId, v.unitId, volunteerTexts.pendingLine(v, people.get(v.memberId)?.name ?? '', people.get(v.memberId)?.unit.name ?? '')),
      )
      return ctx.reply(volunteerTexts.pendingList(lines, more ? 1 : 0))
    }
    if (a.kind === 'all') {
      const r = await approveAll(op(ctx))
      if (!r.count) return ctx.reply(r.skipped ? volunteerTexts.allDecidedMeanwhile(r.skipped) : volunteerTexts.pendingNone())
      const here = r.results.filter((x) => x.tell.length)
      const details = here.map((x) => textFor(ctx.room.unitId, x.v.unitId, volunteerTexts.decision(x))).join('\n')
      return ctx.reply(
        `${volunteerTexts.approvedAll(
          r.results.map((x) => `V${x.v.number}`),
          r.centi,
          r.skipped,
        )}${details ? `\n${details}` : ''}`,
        {
          mentionIds: [...new Set(here.flatMap((x) => x.tell))],
        },
      )
    }
    const r = await decide(op(ctx), a.ref, { approve: a.approve, reason: a.reason })
    ctx.reply(textFor(ctx.room.unitId, r.v.unitId, volunteerTexts.decision(r)), { mention: true, mentionIds: r.tell })
  },
}
