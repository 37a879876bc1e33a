// 志愿服务时长: #志愿 logs hours (for oneself and the people named), #审核 decides them.
import { approveAll, decide, logHours, pendingFor, type VolunteerOp, type VolunteerRef } from './volunteer.service.ts'
import { volunteerTexts } from './points.texts.ts'
import { parseServiceDay, parseServiceDuration } from './points-rules.ts'
import { DEFAULT_POINTS_POLICY } from './points-policy.ts'
import { parseRef } from '../../parser/refs.ts'
import { ok, problem, type CommandContext, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { mentioned } from '../tasks/task-support.ts'
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
    if (!d.ok) return problem(volunteerTexts.badDay(first, d.problem), '#志愿 昨天 3小时 夜间巡逻')
    day = d.day
    words = argv.slice(1)
    if (!words.length) return problem(volunteerTexts.missingDuration())
  }
  const read = (s: string) => parseServiceDuration(s, DEFAULT_POINTS_POLICY.halfDay)
  let duration = words[0]!
  let rest = words.slice(1)
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
  if (read(duration) === null) return problem(volunteerTexts.badDuration(duration))
  if (read(duration)! <= 0) return problem(volunteerTexts.badDuration(duration))
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
  name: '志愿',
  aliases: ['志愿服务', 'volunteer'],
  summary: '登记志愿服务时长(@他人可一并登记),待负责人审核',
  usage: '#志愿 [昨天|11月19日] <时长> <活动> [@成员]',
  example: '#志愿 2小时 助老服务',
  parse: parseVolunteer,
  async run(ctx) {
    const named = await mentioned(ctx, ctx.args.names)
    const people = [ctx.member, ...named.filter((m) => m.id !== ctx.member.id)]
    const rows = await logHours(op(ctx), { people, duration: ctx.args.duration, activity: ctx.args.activity, day: ctx.args.day })
    ctx.reply(volunteerTexts.logged(rows, rows.skipped), { mention: true, mentionIds: named.map((m) => m.wxid) })
  },
}

type ReviewArgs = { kind: 'list' } | { kind: 'all' } | { kind: 'one'; ref: VolunteerRef; approve: boolean; reason: string }

const APPROVE = new Set(['通过', '同意', '批准', 'ok', 'approve'])
const REJECT = new Set(['驳回', '拒绝', '不通过', 'reject'])

export function parseReview(argv: string[]): ParseResult<ReviewArgs> {
  const [first] = argv
  if (first === undefined) return ok({ kind: 'list' })
  if (argv.join('') === '全部通过') return ok({ kind: 'all' })
  const r = parseRef('V', first)
  if (!r.ok) return problem(volunteerTexts.malformedRef(first))
  const verdict = argv[1]?.toLowerCase() ?? ''
  const reason = argv.slice(2).join(' ').trim()
  if (APPROVE.has(verdict)) return ok({ kind: 'one', ref: { number: r.number, label: r.label }, approve: true, reason: '' })
  if (REJECT.has(verdict))
    return reason
      ? ok({ kind: 'one', ref: { number: r.number, label: r.label }, approve: false, reason })
      : problem(volunteerTexts.needReason(), `#审核 ${r.label} 驳回 时长有误`)
  return problem(volunteerTexts.badVerdict())
}

export const reviewCommand: CommandDef<ReviewArgs> = {
  access: 'member',
  name: '审核',
  aliases: ['review'],
  summary: '负责人审核志愿时长;不带参数列出待审核',
  usage: '#审核;#审核 V31 通过;#审核 V31 驳回 <理由>;#审核 全部通过',
  example: '#审核 V31 通过',
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
      const details = here.map((x) => x.text).join('\n')
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
    ctx.reply(r.text, { mention: true, mentionIds: r.tell })
  },
}
