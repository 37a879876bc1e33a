import type { CommandDef } from './command.ts'
import { UsageError } from './command.ts'
import { needRef, parseTaskArgs, taskRef } from '../parser/task-args.ts'
import { parseDeadline } from '../parser/deadline.ts'
import { createTask, taskHistory } from '../domain/task/task.service.ts'
import { EVENT_LABEL, STATUS_LABEL, taskLine } from '../domain/task/task-format.ts'
import { formatLocal } from '../core/time.ts'
import { mentionedMembers, taskOp } from './task-support.ts'
import type { MessageContext } from '../pipeline/context.ts'
import { taskListCommand } from './task-list.command.ts'

export const taskCommand: CommandDef = {
  name: '任务',
  aliases: ['task'],
  summary: '创建任务,或查看任务及其全部记录',
  usage: '#任务 <标题> [紧急] [截止 <时间>] [@成员];#任务 转 N12 …;#任务 T12',
  example: '#任务 修复3号楼路灯 紧急 截止 明天下午3点 @李佳鑫',
  async run(ctx) {
    const argv = ctx.command!.argv
    if (!argv.length) throw new UsageError('请写明任务标题')
    const ref = taskRef(argv[0])
    if (ref && argv.length === 1) return show(ctx, ref)
    if (argv[0] === '列表') return taskListCommand.run({ ...ctx, command: { ...ctx.command!, argv: argv.slice(1) } })
    if (argv[0] === '转') {
      const n = needRef(argv[1])
      if (n === null) throw new UsageError('请写需求编号,如:#任务 转 N12')
      return create(ctx, argv.slice(2), n)
    }
    return create(ctx, argv)
  },
}

async function create(ctx: MessageContext, argv: string[], needNumber?: number) {
  const args = parseTaskArgs(argv)
  if (!args.title && needNumber === undefined) throw new UsageError('请写明任务标题')
  let deadline: Date | null = null
  if (args.deadlineText !== null) {
    const d = parseDeadline(args.deadlineText, ctx.now)
    if (!d.ok) throw new UsageError(d.problem)
    deadline = d.at
  }
  const notify = await mentionedMembers(ctx, args.mentionNames)
  const task = await createTask(taskOp(ctx), { title: args.title, urgent: args.urgent, deadline, notify, needNumber })
  const due = deadline ? `\n截止:${formatLocal(deadline)}(按「${args.deadlineText}」理解,如有误请重发)` : ''
  const who = notify.length ? `\n请 ${notify.map((m) => m.name).join('、')} 认领:#认领 T${task.number}` : `\n认领:#认领 T${task.number}`
  const from = needNumber !== undefined ? `(来自需求 N${needNumber})` : ''
  ctx.reply(`📋 已创建任务 T${task.number}${args.urgent ? '【紧急】' : ''}「${task.title}」${from}${due}${who}`, { mentionIds: notify.map((m) => m.wxid), urgent: args.urgent })
}

async function show(ctx: MessageContext, ref: string) {
  const { task, events, names, evidence } = await taskHistory(taskOp(ctx), ref)
  const holder = task.holderId ? names.get(task.holderId) : undefined
  const head = `${taskLine(task, ctx.now, holder)} · ${task.unit.name}`
  const result = task.result ? `\n结果:${task.result}` : ''
  const pics = evidence ? `\n凭证图片:${evidence} 张` : ''
  const lines = events.map((e) => {
    const who = e.actorId ? names.get(e.actorId) ?? '' : '系统'
    const level = e.level !== null ? `(第${e.level}级)` : ''
    const move = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` ${STATUS_LABEL[e.fromStatus]}→${STATUS_LABEL[e.toStatus]}` : ''
    return `${formatLocal(e.at)} ${who} ${EVENT_LABEL[e.kind] ?? e.kind}${level}${move}${e.note ? `:${e.note}` : ''}`
  })
  ctx.reply(`${head}${result}${pics}\n记录:\n${lines.join('\n')}`)
}
