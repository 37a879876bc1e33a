// The verbs on one task: 认领 进展 完成 放弃 催办 接手 转派 取消. Each takes the task id first.
import { claimTask, progressTask, takeOverTask } from './task-claim.ts'
import { completeTask } from './task-complete.ts'
import { abandonTask, cancelTask } from './task-release.ts'
import { reassignTask } from './task-reassign.ts'
import { handBackTask } from './task-hand-back.ts'
import { chaseTask } from './task-chase.ts'
import { taskTexts } from './task.texts.ts'
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
  name: '认领',
  aliases: ['领题', 'claim'],
  summary: '认领任务 T…,或领题攻坚项目 P…',
  usage: '#认领 T12;#领题 P3',
  example: '#认领 T12',
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
  name: '进展',
  aliases: ['progress'],
  summary: '记录任务进展',
  usage: '#进展 T12 <文字>',
  example: '#进展 T12 已联系物业,明天上午维修',
  parse(argv) {
    const r = parseTaskRef(argv)
    return r.ok && !r.args.rest ? problem('请写明进展内容') : r
  },
  async run(ctx) {
    const task = await progressTask(taskOp(ctx), ctx.args.ref, ctx.args.rest)
    ctx.reply(taskTexts.progressed(task), { mention: true })
  },
}

export const completeCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: '完成',
  aliases: ['done'],
  summary: '完成任务 T…(5分钟内发的图片作为凭证),或结项项目 P…(须写总结)',
  usage: '#完成 T12 <结果>;#完成 P3 <总结>',
  example: '#完成 T12 路灯已修好,居民已确认',
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
  name: '放弃',
  aliases: ['abandon'],
  summary: '放弃已认领的任务(重新等待认领)',
  usage: '#放弃 T12 [原因]',
  example: '#放弃 T12 需要专业电工',
  parse: byPrefix,
  async run(ctx) {
    if (ctx.args.kind === 'project') return other(ctx, ctx.args, 'abandon')
    const task = await abandonTask(taskOp(ctx), ctx.args.args.ref, ctx.args.args.rest)
    ctx.reply(taskTexts.abandoned(task), { mention: true })
  },
}

export const chaseCommand: CommandDef<RefArgs> = {
  access: 'member',
  name: '催办',
  aliases: ['chase'],
  summary: '立即提醒任务负责人',
  usage: '#催办 T12',
  example: '#催办 T12',
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
  name: '接手',
  aliases: ['takeover'],
  summary: '上级负责人接手任务',
  usage: '#接手 T12',
  example: '#接手 T12',
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
  name: '转派',
  aliases: ['reassign'],
  summary: taskTexts.reassignSummary,
  usage: '#转派 T12 @某人',
  example: '#转派 T12 @陈晓',
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
    if (!to || others.length) throw new UsageError(people.length ? '一次只能转派给一个人' : '请@要转派的人')
    const a = ctx.args
    if (a.kind === 'project') return other(ctx, a, 'reassign', to)
    const { task, holder, formerHolder } = await reassignTask(taskOp(ctx), a.args.ref, to)
    replyNamingFormerHolder(ctx, task, taskTexts.reassignedReply(task, holder.name), formerHolder)
  },
}

export const cancelCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: '取消',
  aliases: ['cancel'],
  summary: '取消任务(创建人或上级负责人)',
  usage: '#取消 T12 [原因]',
  example: '#取消 T12 重复任务',
  parse: byPrefix,
  async run(ctx) {
    if (ctx.args.kind === 'project') return other(ctx, ctx.args, 'cancel')
    const { task, formerHolder, reopenedNeed } = await cancelTask(taskOp(ctx), ctx.args.args.ref, ctx.args.args.rest)
    replyNamingFormerHolder(ctx, task, taskTexts.cancelledReply(task, reopenedNeed), formerHolder)
  },
}

export const handBackCommand: CommandDef<TaskOrProject> = {
  access: 'member',
  name: '退回',
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
