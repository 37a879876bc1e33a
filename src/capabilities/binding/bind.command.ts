import { jobId } from '../../core/ids.ts'
import { reviewAfterBind } from './binding.service.ts'
import { districtOf } from '../../kernel/org/org.types.ts'
import { bindRoomToUnit, bindTexts } from '../../kernel/org/room-binding.service.ts'
import { ok, problem, type CommandDef } from '../../pipeline/command.ts'
import { bindCommandTexts, bindingTexts, CONFIRM_WORDS } from './binding.texts.ts'

const CONFIRM = CONFIRM_WORDS

export const bindCommand: CommandDef<{ unitName: string; confirmed: boolean }> = {
  // The one command that must work in a group no unit owns yet.
  access: 'unbound-room',
  ...bindCommandTexts.bind,
  aliases: ['bind'],
  roles: ['admin'],
  parse(argv) {
    const confirmed = argv.length > 1 && CONFIRM.has(argv.at(-1)?.toLowerCase() ?? '')
    const unitName = (confirmed ? argv.slice(0, -1) : argv).join(' ').trim()
    return unitName ? ok({ unitName, confirmed }) : problem(bindingTexts.noUnitName)
  },
  async run(ctx) {
    const districtId = districtOf(ctx.member.unit)
    const r = await bindRoomToUnit(ctx.work, {
      districtId,
      unitName: ctx.args.unitName,
      wxRoomId: ctx.msg.roomId,
      topic: ctx.msg.roomTopic ?? ctx.args.unitName,
      accountId: ctx.msg.accountId,
      confirmed: ctx.args.confirmed,
    })
    if (r.kind === 'already') return ctx.reply(bindTexts.already(r.unit))
    if (r.kind === 'confirm') return ctx.reply(bindTexts.confirm(r.unit, r.replaces, r.movesFrom), { mention: true })
    ctx.orgChanged()
    // The group that lost the unit hears it there (it may be the real one, and a look-alike just took its place).
    if (r.replaced?.wxRoomId) {
      const text = bindTexts.replacedNotice(r.unit, ctx.msg.roomTopic ?? '', ctx.member.name)
      ctx.post({ accountId: r.replaced.accountId, roomId: r.replaced.wxRoomId, text, mentionIds: [] }, jobId('unbound', r.replaced.id, ctx.msg.messageId))
    }
    const moved = r.movedFrom ? `\n${bindTexts.movedNotice(r.movedFrom, r.unit)}` : ''
    ctx.reply(`${bindTexts.bound(r.unit, r.otherRooms)}${moved}`)
    const told = await reviewAfterBind(ctx.work, districtId)
    if (told) ctx.post(told.message, told.key)
  },
}
