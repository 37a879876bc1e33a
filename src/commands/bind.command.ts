import { bindRoomToUnit } from '../domain/org/room-binding.service.ts'
import { districtOf } from '../domain/org/org.types.ts'
import { ok, problem, type CommandDef } from '../pipeline/command.ts'

export const bindCommand: CommandDef<{ unitName: string }> = {
  // The one command that must work in a group no unit owns yet.
  access: 'unbound-room',
  name: '绑定',
  aliases: ['bind'],
  summary: '把本群绑定到一个单位(管理员)',
  usage: '#绑定 <单位名称>',
  example: '#绑定 华府社区5号网格',
  roles: ['admin'],
  parse: (_argv, text) => (text.trim() ? ok({ unitName: text.trim() }) : problem('请写明要绑定的单位名称')),
  async run(ctx) {
    const room = await bindRoomToUnit(ctx.work, {
      districtId: districtOf(ctx.member.unit),
      unitName: ctx.args.unitName,
      wxRoomId: ctx.msg.roomId,
      topic: ctx.msg.roomTopic ?? ctx.args.unitName,
      accountId: ctx.msg.accountId,
    })
    ctx.orgChanged()
    ctx.reply(`本群已绑定到「${room.unit.name}」。成员可发送 #帮助 查看命令。`)
  },
}
