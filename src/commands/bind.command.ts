import type { CommandDef } from './command.ts'
import { UsageError } from './command.ts'
import { bindRoomToUnit } from '../domain/org/room-binding.service.ts'

export const bindCommand: CommandDef = {
  name: '绑定',
  aliases: ['bind'],
  summary: '把本群绑定到一个单位(管理员)',
  usage: '#绑定 <单位名称>',
  example: '#绑定 华府社区5号网格',
  roles: ['admin'],
  async run(ctx) {
    const unitName = ctx.command!.args.trim()
    if (!unitName) throw new UsageError('请写明要绑定的单位名称')
    const room = await bindRoomToUnit(ctx.db, {
      districtId: ctx.member!.unit.districtId!,
      unitName,
      wxRoomId: ctx.msg.roomId!,
      topic: ctx.msg.roomTopic ?? unitName,
      accountId: ctx.msg.accountId,
      at: ctx.now,
    })
    ctx.deps.org.clear()
    ctx.reply(`本群已绑定到「${room.unit.name}」。成员可发送 #帮助 查看命令。`)
  },
}
