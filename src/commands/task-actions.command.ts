// The verbs on one task: 认领 进展 完成 放弃 催办 接手 转派 取消. Each takes the task id first.
import type { CommandDef } from './command.ts'
import { UsageError } from './command.ts'
import { taskRef } from '../parser/task-args.ts'
import { abandonTask, cancelTask, chaseTask, claimTask, completeTask, progressTask, reassignTask, takeOverTask } from '../domain/task/task.service.ts'
import { formatLocal } from '../core/time.ts'
import type { MessageContext } from '../pipeline/context.ts'
import { mentionedMembers, taskOp } from './task-support.ts'

function ref(ctx: MessageContext): string {
  const r = taskRef(ctx.command!.argv[0])
  if (!r) throw new UsageError(ctx.command!.argv[0] ? `任务编号应为 T 加数字,如 T12` : '请写明任务编号,如 T12')
  return r
}
const rest = (ctx: MessageContext) => ctx.command!.argv.slice(1).join(' ').trim()

export const claimCommand: CommandDef = {
  name: '认领',
  aliases: ['领题', 'claim'],
  summary: '认领任务(领题)',
  usage: '#认领 T12',
  example: '#认领 T12',
  async run(ctx) {
    const { task } = await claimTask(taskOp(ctx), ref(ctx))
    const due = task.deadline ? `,截止 ${formatLocal(task.deadline)}` : ''
    ctx.reply(`✅ 已认领 T${task.number}「${task.title}」${due}。完成后发送:#完成 T${task.number} 结果`, { mention: true })
  },
}

export const progressCommand: CommandDef = {
  name: '进展',
  aliases: ['progress'],
  summary: '记录任务进展',
  usage: '#进展 T12 <文字>',
  example: '#进展 T12 已联系物业,明天上午维修',
  async run(ctx) {
    const r = ref(ctx)
    if (!rest(ctx)) throw new UsageError('请写明进展内容')
    const task = await progressTask(taskOp(ctx), r, rest(ctx))
    ctx.reply(`📝 T${task.number} 进展已记录。`, { mention: true })
  },
}

export const completeCommand: CommandDef = {
  name: '完成',
  aliases: ['办结', 'done'],
  summary: '完成任务(5分钟内发的图片作为凭证)',
  usage: '#完成 T12 <结果>',
  example: '#完成 T12 路灯已修好,居民已确认',
  async run(ctx) {
    const { task, evidence } = await completeTask(taskOp(ctx), ref(ctx), rest(ctx))
    const pics = evidence ? `(附图 ${evidence} 张)` : '(5分钟内发送图片可作为凭证)'
    ctx.reply(`🎉 T${task.number}「${task.title}」已完成${pics}。`, { mention: true })
  },
}

export const abandonCommand: CommandDef = {
  name: '放弃',
  aliases: ['abandon'],
  summary: '放弃已认领的任务(重新等待认领)',
  usage: '#放弃 T12 [原因]',
  example: '#放弃 T12 需要专业电工',
  async run(ctx) {
    const task = await abandonTask(taskOp(ctx), ref(ctx), rest(ctx))
    ctx.reply(`已放弃 T${task.number},任务重新等待认领。`, { mention: true })
  },
}

export const chaseCommand: CommandDef = {
  name: '催办',
  aliases: ['chase'],
  summary: '立即提醒任务负责人',
  usage: '#催办 T12',
  example: '#催办 T12',
  async run(ctx) {
    const { task, targets } = await chaseTask(taskOp(ctx), ref(ctx))
    if (task.roomId !== ctx.room!.id) ctx.reply(`已催办 T${task.number}${targets.length ? `(${targets.map((m) => m.name).join('、')})` : ''}。`, { mention: true })
  },
}

export const takeOverCommand: CommandDef = {
  name: '接手',
  aliases: ['takeover'],
  summary: '上级负责人接手任务',
  usage: '#接手 T12',
  example: '#接手 T12',
  roles: ['supervisor', 'admin'],
  async run(ctx) {
    const { task } = await takeOverTask(taskOp(ctx), ref(ctx))
    ctx.reply(`✅ 您已接手 T${task.number}「${task.title}」。`, { mention: true })
  },
}

export const reassignCommand: CommandDef = {
  name: '转派',
  aliases: ['reassign'],
  summary: '上级负责人把任务转派给某人',
  usage: '#转派 T12 @某人',
  example: '#转派 T12 @陈晓',
  roles: ['supervisor', 'admin'],
  async run(ctx) {
    const r = ref(ctx)
    const names = ctx.command!.argv.slice(1).filter((w) => w.startsWith('@')).flatMap((w) => w.split('@').filter(Boolean))
    const people = await mentionedMembers(ctx, names)
    if (people.length !== 1) throw new UsageError(people.length ? '一次只能转派给一个人' : '请@要转派的人')
    const { task, holder } = await reassignTask(taskOp(ctx), r, people[0]!)
    ctx.reply(`已将 T${task.number} 转派给 ${holder.name}。`, { mention: true })
  },
}

export const cancelCommand: CommandDef = {
  name: '取消',
  aliases: ['cancel'],
  summary: '取消任务(创建人或上级负责人)',
  usage: '#取消 T12 [原因]',
  example: '#取消 T12 重复任务',
  async run(ctx) {
    const task = await cancelTask(taskOp(ctx), ref(ctx), rest(ctx))
    ctx.reply(`已取消 T${task.number}「${task.title}」。`, { mention: true })
  },
}
