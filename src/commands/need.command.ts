import type { CommandDef } from './command.ts'
import { UsageError } from './command.ts'
import { listNeeds, recordNeed } from '../domain/task/need.service.ts'
import { formatLocal } from '../core/time.ts'

export const needCommand: CommandDef = {
  name: '需求',
  aliases: ['need'],
  summary: '记录居民需求(得到编号 N…)',
  usage: '#需求 <描述>',
  example: '#需求 3号楼王奶奶家水管漏水,需要维修',
  async run(ctx) {
    const text = ctx.command!.args
    if (!text) throw new UsageError('请写明需求内容')
    const need = await recordNeed(ctx.db, { room: ctx.room!, reporterId: ctx.member!.id, description: text, at: ctx.now, accountId: ctx.msg.accountId, messageId: ctx.msg.messageId })
    ctx.reply(`📥 已记录需求 N${need.number}:${need.description}\n转为任务:#任务 转 N${need.number} [紧急] [截止 时间] [@成员]`, { mention: true })
  },
}

export const needListCommand: CommandDef = {
  name: '需求列表',
  aliases: ['needs'],
  summary: '本单位待办的居民需求',
  usage: '#需求列表',
  example: '#需求列表',
  async run(ctx) {
    const { needs, total } = await listNeeds(ctx.db, ctx.room!.unitId)
    if (!total) return ctx.reply(`${ctx.room!.unit.name} 暂无待办需求。`)
    const lines = needs.map((n) => `N${n.number} ${n.description.slice(0, 40)}(${formatLocal(n.createdAt)})`)
    ctx.reply(`${ctx.room!.unit.name} 待办需求 ${total} 条:\n${lines.join('\n')}${total > needs.length ? `\n……另有 ${total - needs.length} 条` : ''}`)
  },
}
