import { DuplicateMessage } from '../core/errors.ts'
import { formatLocal } from '../core/time.ts'
import { CHECKIN_TYPE_LABEL } from '../domain/checkin/checkin.types.ts'
import { recordCheckin, undoLastCheckin } from '../domain/checkin/checkin.service.ts'
import { parseCheckinArgs, type CheckinArgs } from '../parser/checkin-args.ts'
import { ok, problem, type CommandDef } from '../pipeline/command.ts'

type Args = Exclude<CheckinArgs, { ok: false }>

export const checkinCommand: CommandDef<Args> = {
  access: 'member',
  name: '签到',
  aliases: ['打卡', 'checkin'],
  summary: '记录巡查、走访、议事或服务',
  usage: '#签到 [巡查|走访|议事|服务] [N户] [备注];#签到 撤销',
  example: '#签到 走访 5户 独居老人家中检查用电',
  parse(argv) {
    const a = parseCheckinArgs(argv)
    return a.ok ? ok(a) : problem(a.problem)
  },
  // Recording (not undoing) is the hot path: one statement marks the message and writes the check-in.
  recordsItself: (args) => !args.undo,
  async run(ctx) {
    const { args, member, room } = ctx
    if (args.undo) {
      const undone = await undoLastCheckin(ctx.work, member.id)
      return ctx.reply(`已撤销 ${formatLocal(undone.at, false)} 的${CHECKIN_TYPE_LABEL[undone.type]}签到。`, { mention: true })
    }
    const recorded = await recordCheckin(ctx.work, {
      memberId: member.id,
      unitId: room.unitId,
      roomId: room.id,
      type: args.type,
      households: args.households,
      note: args.note,
      accountId: ctx.msg.accountId,
      messageId: ctx.msg.messageId,
    })
    if (!recorded) throw new DuplicateMessage()
    const { mineToday, unitToday, ...checkin } = recorded
    const what = [CHECKIN_TYPE_LABEL[checkin.type], checkin.households ? `${checkin.households}户` : ''].filter(Boolean).join(' ')
    ctx.reply(`✅ 签到成功(${what},${formatLocal(checkin.at, false)})\n您今日第 ${mineToday} 次,${room.unit.name}今日共 ${unitToday} 次。\n发送位置可附加到本次签到;10分钟内可 #签到 撤销`, { mention: true })
  },
}
