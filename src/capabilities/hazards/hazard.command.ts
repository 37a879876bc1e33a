// #隐患: report a hazard (members, and residents in a grid's group), or read one (#隐患 H7 [完整]); #隐患列表.
import { categoryOf } from './hazard-categories.ts'
import { DUPLICATE_WAIT_MS, hazardHistory, MAX_DESCRIPTION, reportHazard, type HazardRef, type NewHazard } from './hazard.service.ts'
import { HAZARD_STATUS_LABEL, hazardId, hazardLine, hazardTexts } from './hazard.texts.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { parseRef } from '../../parser/refs.ts'
import { ok, problem, type CommandDef, type GuestContext, type ParseResult } from '../../pipeline/command.ts'
import { takeUrgency } from '../../parser/urgency.ts'
import { duplicateQuestion, hazardOp } from './hazard-support.ts'
import { replyHazardList } from './hazard-list.command.ts'
import { HAZARD_STATE_WORDS, parseListArgs } from '../../parser/list-args.ts'
import { refAsTyped } from '../../kernel/org/city-refs.ts'
import { group } from '../../core/match-group.ts'
import { FULL_WORDS, hazardCommandTexts, LIST_WORD, SHOW_WORDS } from './hazard-commands.texts.ts'

type Args = { kind: 'report'; report: NewHazard } | { kind: 'show'; ref: HazardRef; full: boolean } | { kind: 'list'; argv: string[] }

const FULL = FULL_WORDS
const SHOW = SHOW_WORDS

function parse(argv: string[]): ParseResult<Args> {
  // An id first is a lookup, however it is typed (H1, H1 完整, H1完整, Ｈ1 详情); never a new report "H1完整".
  const lookup = /^h\s*0*(\d{1,18})(.*)$/i.exec(argv.join(' ').trim())
  if (lookup) {
    const ref = parseRef('H', `H${lookup[1]}`)
    const rest = group(lookup, 2).trim()
    if (!ref.ok || !SHOW.has(rest)) return problem(hazardTexts.lookupOnly())
    return ok({ kind: 'show', ref: { number: ref.number, label: ref.label }, full: FULL.has(rest) })
  }
  // "#隐患列表 6号网格" arrives here as "#隐患 列表 6号网格" (a glued word): the list, narrowed.
  if (argv[0] === LIST_WORD) return ok({ kind: 'list', argv: argv.slice(1) })
  const category = categoryOf(argv[0])
  const { words, urgent } = takeUrgency(category ? argv.slice(1) : argv)
  const description = words.join(' ').trim()
  if (!description) return problem(hazardTexts.noDescription())
  return ok({ kind: 'report', report: { description, category, urgent } })
}

export const hazardCommand: CommandDef<Args> = {
  access: 'guest',
  ...hazardCommandTexts.report,
  aliases: ['hazard'],
  parse,
  async run(ctx) {
    const a = ctx.args
    if (a.kind === 'show') return show(ctx, a.ref, a.full)
    if (a.kind === 'list') return replyHazardList(ctx, parseListArgs(a.argv, HAZARD_STATE_WORDS))
    return report(ctx, a.report)
  },
}

async function report(ctx: GuestContext<Args>, input: NewHazard) {
  const r = await reportHazard(hazardOp(ctx), input)
  const clipped = r.clipped ? hazardTexts.clippedNote(MAX_DESCRIPTION) : ''
  if (r.kind === 'held') return ctx.reply(`${duplicateQuestion(ctx, r.hazard, r.duplicate, DUPLICATE_WAIT_MS)}${clipped}`, { mention: true })
  const text =
    r.kind === 'screening'
      ? hazardTexts.screening(r.hazard, { gridName: ctx.room.unit.name, unitName: r.target.name })
      : hazardTexts.reported(r.hazard, { unitName: r.target.name, own: r.target.id === ctx.room.unitId, periodMs: r.periodMs, images: r.images })
  ctx.reply(`${text}${clipped}`, {
    mention: true,
    mentionIds: r.kind === 'routed' ? r.mentionIds.filter((id) => id !== ctx.msg.talkerId) : [],
    urgent: input.urgent,
  })
  // Urgent: routed at once; the question follows.
  if (r.duplicate) ctx.reply(duplicateQuestion(ctx, r.hazard, r.duplicate, null), { mention: true })
}

async function show(ctx: GuestContext<Args>, ref: HazardRef, full: boolean) {
  const r = await hazardHistory(hazardOp(ctx), ref, full)
  const h = r.hazard
  const lines = r.events.map((e) =>
    hazardTexts.eventLine(
      e.at,
      r.nameOf(e),
      e.kind,
      e.level,
      e.fromStatus && HAZARD_STATUS_LABEL[e.fromStatus],
      e.toStatus && HAZARD_STATUS_LABEL[e.toStatus],
      e.note,
    ),
  )
  const head = hazardTexts.historyHead(hazardLine(h, ctx.now, h.unit.name), h)
  const record = hazardTexts.history(head, lines, r.images, h.result)
  const shown = r.unmasked ? record : textFor(ctx.room.unitId, h.reportUnitId, record)
  ctx.reply(shown === record ? shown : `${shown}\n${hazardTexts.maskedHint(refAsTyped(ctx.work, hazardId(h)))}`)
}

/** 隐患列表 (also reached as "#隐患 列表"): members only. */
