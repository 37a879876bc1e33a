// The verbs on one task: 认领 进展 完成 放弃 催办 接手 转派 取消. Each takes the task id first.
import { taskActionsCommandHelp } from './task-actions.command.help.texts.ts'
import { claimTask, progressTask, takeOverTask } from './task-claim.ts'
import { completeTask } from './task-complete.ts'
import { abandonTask, cancelTask } from './task-release.ts'
import { reassignTask } from './task-reassign.ts'
import { handBackTask } from './task-hand-back.ts'
import { chaseTask } from './task-chase.ts'
import { taskTexts } from './task.texts.ts'
import { taskWords } from './task-words.texts.ts'
import { UsageError } from '../../core/errors.ts'
import type { MemberWithUnit } from '../../kernel/org/org.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { ok, problem, type CommandContext, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { mentioned, parseTaskRef, taskOp } from './task-support.ts'
import { itemVerbsFor, type ItemVerbs, type SharedVerb, type SharedVerbArgs } from '../../kernel/shared-verbs.ts'

/** A reply that also tells the holder the task was taken from (when they are in this room). */
function replyNamingFormerHolder(ctx: CommandContext<unknown>, task: { unitId: number }, raw: string, former: MemberWithUnit | null) {
  const text = textFor(ctx.room.unitId, task.unitId, raw)
  ctx.reply(former ? `${text}${taskTexts.formerHolderNote(former.name)}` : text, { mention: true, mentionIds: former ? [former.wxid] : [] })
}

export type RefArgs = Extract<ReturnType<typeof parseTaskRef>, { ok: true }>['args']

/** A verb shared by tasks and projects: the id's letter decides (T12 a task, P3 a project: kernel/shared-verbs.ts),
 *  as #办结 does for H and T. */
export type TaskOrProject = { kind: 'task'; args: RefArgs } | { kind: 'project'; verbs: ItemVerbs; args: SharedVerbArgs }

function byPrefix(argv: string[]): ParseResult<TaskOrProject> {
  const other = itemVerbsFor(argv[0])
  if (other) {
    const r = other.parse(argv)
    return r.ok ? ok({ kind: 'project', verbs: other, args: r.args }) : r
  }
  const r = parseTaskRef(argv)
  return r.ok ? ok({ kind: 'task', args: r.args }) : r
}

/** Hands the verb to the capability that owns the id. */
const other = (ctx: CommandContext<unknown>, a: Extract<TaskOrProject, { kind: 'project' }>, verb: SharedVerb, to: MemberWithUnit | null = null) =>
  a.verbs.run({ ...ctx, args: a.args }, verb, to)

export const claimCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: taskActionsCommandHelp.claimCommand.name,
  aliases: [taskWords.claimAlias, 'claim'],
  summary: taskActionsCommandHelp.claimCommand.summary,
  usage: taskActionsCommandHelp.claimCommand.usage,
  example: taskActionsCommandHelp.claimCommand.example,
  parse: byPrefix,
  async run(ctx) {
    const a = ctx.args
    if (a.kind === 'project') return other(ctx, a, 'claim')
    const { task } = await claimTask(taskOp(ctx), a.args.ref)
    ctx.reply(textFor(ctx.room.unitId, task.unitId, taskTexts.claimed(task)), { mention: true })
  },
}

export const progressCommand: CommandDef<RefArgs> = {
  access: 'member',
  name: taskActionsCommandHelp.progressCommand.name,
  aliases: ['progress'],
  summary: taskActionsCommandHelp.progressCommand.summary,
  usage: taskActionsCommandHelp.progressCommand.usage,
  example: taskActionsCommandHelp.progressCommand.example,
  parse(argv) {
    const r = parseTaskRef(argv)
    return r.ok && !r.args.rest ? problem(taskWords.progressWithoutText) : r
  },
  async run(ctx) {
    const task = await progressTask(taskOp(ctx), ctx.args.ref, ctx.args.rest)
    ctx.reply(taskTexts.progressed(task), { mention: true })
  },
}

export const completeCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: taskActionsCommandHelp.completeCommand.name,
  aliases: ['done'],
  summary: taskActionsCommandHelp.completeCommand.summary,
  usage: taskActionsCommandHelp.completeCommand.usage,
  example: taskActionsCommandHelp.completeCommand.example,
  parse: byPrefix,
  run: (ctx) => (ctx.args.kind === 'project' ? other(ctx, ctx.args, 'complete') : completeTaskReply({ ...ctx, args: ctx.args.args })),
}

/** #完成 T12 (and #办结 T12). */
export async function completeTaskReply(ctx: CommandContext<RefArgs>) {
  const { task, evidence, notes } = await completeTask(taskOp(ctx), ctx.args.ref, ctx.args.rest)
  ctx.reply(`${textFor(ctx.room.unitId, task.unitId, taskTexts.completed(task, evidence))}${notes.join('')}`, { mention: true })
}

export const abandonCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: taskActionsCommandHelp.abandonCommand.name,
  aliases: ['abandon'],
  summary: taskActionsCommandHelp.abandonCommand.summary,
  usage: taskActionsCommandHelp.abandonCommand.usage,
  example: taskActionsCommandHelp.abandonCommand.example,
  parse: byPrefix,
  async run(ctx) {
    if (ctx.args.kind === 'project') return other(ctx, ctx.args, 'abandon')
    const task = await abandonTask(taskOp(ctx), ctx.args.args.ref, ctx.args.args.rest)
    ctx.reply(taskTexts.abandoned(task), { mention: true })
  },
}

export const chaseCommand: CommandDef<RefArgs> = {
  access: 'member',
  name: taskActionsCommandHelp.chaseCommand.name,
  aliases: ['chase'],
  summary: taskActionsCommandHelp.chaseCommand.summary,
  usage: taskActionsCommandHelp.chaseCommand.usage,
  example: taskActionsCommandHelp.chaseCommand.example,
  parse: parseTaskRef,
  async run(ctx) {
    const { task, targets, inOwnRoom } = await chaseTask(taskOp(ctx), ctx.args.ref)
    // In the task's own room the chase itself is the answer; elsewhere the sender hears it was sent.
    if (!inOwnRoom)
      ctx.reply(
        taskTexts.chasedElsewhere(
          task,
          targets.map((m) => m.name),
        ),
        { mention: true },
      )
  },
}

export const takeOverCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: taskActionsCommandHelp.takeOverCommand.name,
  aliases: ['takeover'],
  summary: taskActionsCommandHelp.takeOverCommand.summary,
  usage: taskActionsCommandHelp.takeOverCommand.usage,
  example: taskActionsCommandHelp.takeOverCommand.example,
  roles: ['supervisor', 'admin'],
  parse: byPrefix,
  async run(ctx) {
    if (ctx.args.kind === 'project') return other(ctx, ctx.args, 'take_over')
    const { task, formerHolder } = await takeOverTask(taskOp(ctx), ctx.args.args.ref)
    replyNamingFormerHolder(ctx, task, taskTexts.tookOver(task), formerHolder)
  },
}

export const reassignCommand: CommandDef<TaskOrProject & { names: string[] }> = {
  access: 'member',
  name: taskActionsCommandHelp.reassignCommand.name,
  aliases: ['reassign'],
  summary: taskTexts.reassignSummary,
  usage: taskActionsCommandHelp.reassignCommand.usage,
  example: taskActionsCommandHelp.reassignCommand.example,
  parse(argv) {
    const r = byPrefix(argv)
    if (!r.ok) return r
    const names = argv
      .slice(1)
      .filter((w) => w.startsWith('@'))
      .flatMap((w) => w.split('@').filter(Boolean))
    return ok({ ...r.args, names })
  },
  async run(ctx) {
    const people = await mentioned(ctx, ctx.args.names)
    const [to, ...others] = people
    if (!to || others.length) throw new UsageError(people.length ? taskWords.reassignToOne : taskWords.reassignToWhom)
    const a = ctx.args
    if (a.kind === 'project') return other(ctx, a, 'reassign', to)
    const { task, holder, formerHolder } = await reassignTask(taskOp(ctx), a.args.ref, to)
    replyNamingFormerHolder(ctx, task, taskTexts.reassignedReply(task, holder.name), formerHolder)
  },
}

export const cancelCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: taskActionsCommandHelp.cancelCommand.name,
  aliases: ['cancel'],
  summary: taskActionsCommandHelp.cancelCommand.summary,
  usage: taskActionsCommandHelp.cancelCommand.usage,
  example: taskActionsCommandHelp.cancelCommand.example,
  parse: byPrefix,
  async run(ctx) {
    if (ctx.args.kind === 'project') return other(ctx, ctx.args, 'cancel')
    const { task, formerHolder, reopenedNeed } = await cancelTask(taskOp(ctx), ctx.args.args.ref, ctx.args.args.rest)
    replyNamingFormerHolder(ctx, task, taskTexts.cancelledReply(task, reopenedNeed), formerHolder)
  },
}

export const handBackCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: taskActionsCommandHelp.handBackCommand.name,
  aliases: ['handback'],
  ...taskTexts.handBackHelp,
  parse(argv) {
    const r = byPrefix(argv)
    return r.ok && !r.args.args.rest ? problem(taskTexts.handBackReason()) : r
  },
  async run(ctx) {
    if (ctx.args.kind === 'project') return other(ctx, ctx.args, 'hand_back')
    const { task, toUnit } = await handBackTask(taskOp(ctx), ctx.args.args.ref, ctx.args.args.rest)
    ctx.reply(taskTexts.handedBackReply(task, toUnit.name), { mention: true })
  },
}
