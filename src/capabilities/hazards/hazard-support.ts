// Shared by the hazard commands: the HazardOp of a command (a resident's too), and the id every hazard verb takes.
import type { HazardOp, HazardRef, PossibleDuplicate } from './hazard.service.ts'
import type { Hazard } from './hazard.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { hazardTexts } from './hazard.texts.ts'
import { hazardVerbTexts } from './hazard-commands.texts.ts'
import { parseRef } from '../../parser/refs.ts'
import { ok, problem, type GuestContext, type ParseResult } from '../../pipeline/command.ts'

export function hazardOp(ctx: GuestContext<unknown>): HazardOp {
  return {
    ...ctx.work,
    wxid: ctx.msg.talkerId,
    name: ctx.member?.name ?? ctx.msg.talkerName,
    member: ctx.member,
    room: ctx.room,
    accountId: ctx.msg.accountId,
    messageId: ctx.msg.messageId,
  }
}

/**
 * "疑似与 H3 重复…": the open report's words as this group may read them (masked when it belongs to another unit).
 * `waitMs`: how long a held report waits for the answer; null when it was routed already.
 */
export function duplicateQuestion(ctx: { room: { unitId: number } }, h: Pick<Hazard, 'number'>, d: PossibleDuplicate, waitMs: number | null): string {
  const dup = { ...d.hazard, description: textFor(ctx.room.unitId, d.hazard.reportUnitId, d.hazard.description) }
  if (waitMs === null) return hazardTexts.duplicateOfRouted(h, dup, d.match)
  const why = d.match.by === 'distance' ? hazardTexts.whyDistance(d.match.metres) : hazardTexts.whyText(d.match.score)
  return hazardTexts.duplicateQuestion(h, dup, why, waitMs)
}

export type HazardRefArgs = { ref: HazardRef; rest: string }

/** "H7 rest of the words" → the ref and the rest; a missing or malformed id is a usage problem. */
export function parseHazardRef(argv: string[]): ParseResult<HazardRefArgs> {
  const r = parseRef('H', argv[0])
  if (!r.ok) return problem(r.problem === 'missing' ? hazardTexts.missingRef() : hazardTexts.malformedRef(argv[0] ?? ''))
  return ok({ ref: { number: r.number, label: r.label }, rest: argv.slice(1).join(' ').trim() })
}

/** The same, with words required after the id (`what`: what they say, for the problem). */
export const parseHazardRefWith =
  (what: string) =>
  (argv: string[]): ParseResult<HazardRefArgs> => {
    const r = parseHazardRef(argv)
    return r.ok && !r.args.rest ? problem(hazardVerbTexts.writeWhat(what)) : r
  }
