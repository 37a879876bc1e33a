// Shared by the task commands: the TaskOp of a command, the id argument every task verb takes first, and
// @-mentions resolved to members by stable id.
import { mentionedMembers } from '../../kernel/org/org.service.ts'
import type { MemberWithUnit } from '../../kernel/org/org.types.ts'
import type { TaskOp, TaskRef } from './task-op.ts'
import { taskTexts } from './task.texts.ts'
import { parseRef } from '../../parser/refs.ts'
import { ok, problem, type CommandContext, type ParseResult } from '../../pipeline/command.ts'

export function taskOp(ctx: CommandContext<unknown>): TaskOp {
  return { ...ctx.work, actor: ctx.member, room: ctx.room, messageId: ctx.msg.messageId }
}

/** "T12 rest of the words" → the ref and the rest; a missing or malformed id is a usage problem. */
export function parseTaskRef(argv: string[]): ParseResult<{ ref: TaskRef; rest: string; argv: string[] }> {
  const r = parseRef('T', argv[0])
  if (!r.ok) return problem(r.problem === 'missing' ? taskTexts.missingRef() : taskTexts.malformedRef(argv[0] ?? ''))
  return ok({ ref: { number: r.number, label: r.label }, rest: argv.slice(1).join(' ').trim(), argv: argv.slice(1) })
}

/** The people a command @-s: stable ids from WeChat first, "@name" text as the fallback. */
export function mentioned(ctx: CommandContext<unknown>, names: string[]): Promise<MemberWithUnit[]> {
  return mentionedMembers(ctx.work, ctx.room, ctx.msg.mentionIds, names)
}
