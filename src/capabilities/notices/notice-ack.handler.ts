import { acknowledge } from './notice.service.ts'
import type { AcknowledgementHandler } from '../../pipeline/command.ts'

/**
 * 收到, 1, 好的, 👌 … in a group: acknowledges the room's notice (the latest open one, or the one named: 收到 B5) when
 * a cadre, supervisor or admin of the room's unit says it. Silent either way — a district answering a notice must not
 * become a thousand replies on the paced accounts; #通知 状态 shows who confirmed. A guest's or volunteer's 收到 is
 * ordinary chat and changes nothing.
 */
export const handleAcknowledgement: AcknowledgementHandler = async (ctx) => {
  const outcome = await acknowledge(ctx.work, { member: ctx.member, room: ctx.room }, ctx.args.number, ctx.args.note)
  ctx.log.debug({ outcome, number: ctx.args.number }, 'acknowledgement')
}
