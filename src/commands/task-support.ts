// Shared by the task commands: the TaskOp of a message, and @-mentions resolved to members by stable id.
import type { Member, Unit } from '../db/generated/client.ts'
import type { MessageContext } from '../pipeline/context.ts'
import type { TaskOp } from '../domain/task/task.service.ts'
import { orgRepo } from '../domain/org/org.repo.ts'
import { UsageError } from './command.ts'

export function taskOp(ctx: MessageContext): TaskOp {
  return { db: ctx.db, effects: ctx.effects, now: ctx.now, actor: ctx.member!, room: ctx.room!, messageId: ctx.msg.messageId }
}

/**
 * The people a message @-s. WeChat gives contact ids (stable): those win. Puppets that drop them leave only
 * "@name" in the text: a name is accepted when exactly one active member of the district has it.
 */
export async function mentionedMembers(ctx: MessageContext, names: string[]): Promise<(Member & { unit: Unit })[]> {
  const byId = ctx.msg.mentionIds?.length ? await orgRepo.membersByWxids(ctx.db, ctx.msg.mentionIds) : []
  const found = new Map(byId.map((m) => [m.id, m]))
  const known = new Set(byId.map((m) => m.name))
  for (const name of names) {
    if (known.has(name)) continue
    const matches = await orgRepo.membersByName(ctx.db, ctx.room!.unit.districtId!, name)
    if (matches.length === 0) throw new UsageError(`找不到成员「${name}」,请在群里直接@ TA`)
    if (matches.length > 1) throw new UsageError(`有 ${matches.length} 位成员叫「${name}」,请在群里直接@ TA(长按头像)`)
    found.set(matches[0]!.id, matches[0]!)
  }
  return [...found.values()]
}
