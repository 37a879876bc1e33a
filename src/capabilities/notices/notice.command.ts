// #通知: send a notice down the tree (#通知 [紧急] [网格] [@单位] 正文), read its delivery (#通知 状态 B5), or schedule it
// (#通知 定时 每月9日9点 …); #定时列表, #取消定时 S2. Acknowledgements (收到 …) are not commands: notice-ack.handler.ts.
import { noticeCommandHelp } from './notice.command.help.texts.ts'
import { must } from '../../core/must.ts'
import { group } from '../../core/match-group.ts'
import { refuse } from './notice-rules.ts'
import { noticeTexts } from './notice.texts.ts'
import type { NoticeDraft } from './notice.types.ts'
import { sendNotice, type NoticeOp } from './notice.service.ts'
import { noticeStatus, type StatusQuery } from './notice-status.service.ts'
import { renderNoticeStatus } from './notice-status.texts.ts'
import { cancelSchedule, createSchedule, listSchedules, type When } from './notice-schedule.service.ts'
import { parseRef } from '../../parser/refs.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { parseSchedule } from '../../parser/schedule.ts'
import { ok, problem, type CommandContext, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { isUrgentWord, takeUrgency } from '../../parser/urgency.ts'

type Args = { kind: 'send'; draft: NoticeDraft } | ({ kind: 'status' } & StatusQuery) | { kind: 'schedule'; draft: NoticeDraft; when: When }

const GRIDS = new Set(noticeTexts.gridWords)
/** The sender asks every group to answer 收到 (and have the silent ones chased): #通知 需确认 … */
const CONFIRM = new Set(noticeTexts.confirmWords)

/** Leading options, in any order, then the notice's words as typed (line breaks kept). */
export function parseDraft(text: string): ParseResult<NoticeDraft> {
  let rest = text.trim()
  let urgent = false
  let scope: NoticeDraft['scope'] = 'subtree'
  let target: string | null = null
  let confirm = false
  for (;;) {
    const m = /^(\S+)(?:\s+|$)/.exec(rest)
    if (!m) break
    const word = group(m, 1)
    const glued = takeUrgency([word])
    const [cut] = glued.words
    if (glued.urgent && cut !== undefined) {
      // 【紧急】今晚有暴雨: the mark is cut off; the rest is the notice.
      urgent = true
      rest = cut + rest.slice(word.length)
      continue
    }
    if (isUrgentWord(word)) urgent = true
    else if (GRIDS.has(word)) scope = 'grids'
    else if (CONFIRM.has(word)) confirm = true
    else if (word.startsWith('@') && word.length > 1 && !target) target = word.slice(1)
    else break
    rest = rest.slice(m[0].length)
  }
  if (!rest.trim()) return problem(noticeTexts.empty())
  return ok({ text: rest.trim(), urgent, scope, target, ...(confirm ? { confirm } : {}) })
}

/** 状态 [B5 [单位] [未确认] [第2页]]: after the number, a unit to drill into, 未确认, a page, in any order. */
function parseStatus(words: string[]): ParseResult<Args> {
  const q: StatusQuery = { number: null, unit: null, unacked: false, page: 1 }
  if (!words.length) return ok({ kind: 'status', ...q })
  const r = parseRef('B', words[0])
  if (!r.ok) return problem(noticeTexts.malformedRef(words.join(' ')))
  q.number = r.number
  for (const w of words.slice(1)) {
    const page = /^(?:第)?(\d{1,4})(?:页)?$/.exec(w)
    if (noticeTexts.unackedWords.includes(w)) q.unacked = true
    else if (page) q.page = Number(page[1])
    else if (!q.unit) q.unit = w.replace(/^@/, '')
    else return problem(noticeTexts.malformedRef(words.join(' ')))
  }
  return ok({ kind: 'status', ...q })
}

function parse(argv: string[], text: string, now: Date): ParseResult<Args> {
  if (argv[0] === noticeTexts.statusWord || argv[0] === 'status') return parseStatus(argv.slice(1))
  if (argv[0] === noticeTexts.scheduleWord) {
    // Every error here ends with an example of a schedule, not of a plain notice (issue #29).
    if (!argv[1]) return problem(noticeTexts.scheduleUsage(), noticeTexts.scheduleExample)
    const when = parseSchedule(argv[1], now)
    if (!when.ok) return problem(when.problem, noticeTexts.scheduleExample)
    const draft = parseDraft(text.replace(/^\S+\s+\S+/, ''))
    if (!draft.ok) return problem(noticeTexts.scheduleUsage(), noticeTexts.scheduleExample)
    return ok({ kind: 'schedule', draft: draft.args, when })
  }
  const draft = parseDraft(text)
  return draft.ok ? ok({ kind: 'send', draft: draft.args }) : draft
}

const op = (ctx: CommandContext<unknown>): NoticeOp => ({ ...ctx.work, member: ctx.member, room: ctx.room, pace: ctx.pace })

export const noticeCommand: CommandDef<Args> = {
  access: 'member',
  name: noticeCommandHelp.noticeCommand.name,
  aliases: ['notice'],
  summary: noticeCommandHelp.noticeCommand.summary,
  usage: noticeCommandHelp.noticeCommand.usage,
  example: noticeCommandHelp.noticeCommand.example,
  parse,
  async run(ctx) {
    const a = ctx.args
    if (a.kind === 'status') return ctx.reply(renderNoticeStatus(await noticeStatus(ctx.work, ctx, a)))
    if (ctx.member.role !== 'supervisor' && ctx.member.role !== 'admin') throw refuse('NOTICE_DENIED', noticeTexts.onlySupervisors())
    if (a.kind === 'schedule') {
      const { schedule, targetName, quiet } = await createSchedule(op(ctx), a.draft, a.when)
      return ctx.reply(
        noticeTexts.scheduled(schedule, must(schedule.nextAt, 'NOTICE_SCHEDULE_NEXT'), noticeTexts.scheduledTarget(targetName, a.draft.scope), quiet),
        {
          mention: true,
        },
      )
    }
    const sent = await sendNotice(op(ctx), a.draft)
    ctx.reply(noticeTexts.plan(sent.notice, sent.targetName, sent.plan, ctx.now, sent.held), { mention: true, urgent: a.draft.urgent })
  },
}

export const scheduleListCommand: CommandDef<null> = {
  access: 'member',
  name: noticeCommandHelp.scheduleListCommand.name,
  aliases: ['schedules'],
  summary: noticeCommandHelp.scheduleListCommand.summary,
  usage: noticeCommandHelp.scheduleListCommand.usage,
  example: noticeCommandHelp.scheduleListCommand.example,
  parse: () => ok(null),
  async run(ctx) {
    const { unit, schedules } = await listSchedules(ctx.work, ctx.room.unit)
    // Each line as the asking unit may see it (textFor masks what leaves a schedule's own unit).
    const lines = schedules.map((s) => textFor(unit.id, s.schedule.unitId, noticeTexts.scheduleLine(s.schedule, s.schedule.nextAt, s.unitName, s.creatorName)))
    ctx.reply(noticeTexts.scheduleList(unit.name, lines))
  },
}

export const scheduleCancelCommand: CommandDef<{ number: number }> = {
  access: 'member',
  name: noticeCommandHelp.scheduleCancelCommand.name,
  aliases: ['unschedule'],
  summary: noticeCommandHelp.scheduleCancelCommand.summary,
  usage: noticeCommandHelp.scheduleCancelCommand.usage,
  example: noticeCommandHelp.scheduleCancelCommand.example,
  parse(argv) {
    const r = parseRef('S', argv[0])
    if (!r.ok) return problem(r.problem === 'missing' ? noticeTexts.scheduleMissingRef() : noticeTexts.scheduleMalformedRef(argv[0] ?? ''))
    return ok({ number: r.number })
  },
  async run(ctx) {
    const cancelled = await cancelSchedule(ctx.work, ctx.member, ctx.room, ctx.args.number)
    ctx.reply(noticeTexts.scheduleCancelled(cancelled.number, cancelled.phrase), { mention: true })
  },
}
