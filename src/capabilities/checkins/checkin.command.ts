import { DuplicateMessage } from '../../core/errors.ts'
import { checkinCommandTexts, checkinTexts } from './checkin.texts.ts'
import { sqlTemplate } from '../../kernel/outbox/outbox.service.ts'
import { recordCheckin, undoLastCheckin } from './checkin.service.ts'
import { parseCheckinArgs, type CheckinArgs } from '../../parser/checkin-args.ts'
import { ok, problem, type CommandDef } from '../../pipeline/command.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { asTyped } from '../../parser/typed.ts'

/**
 * As parsed with the default kinds, and the words: run reads them again with the district's kinds. `text`: the
 * arguments as typed (a free-text field: the pipeline gives it back with its ，、。), for the note read again.
 */
type Args = Exclude<CheckinArgs, { ok: false }> & { argv: string[]; text: string }

export const checkinCommand: CommandDef<Args> = {
  access: 'member',
  ...checkinCommandTexts.checkin,
  parse(argv) {
    // `#签到 A3` means the activity (as the volunteers type it): never a check-in with a note "A3".
    if (argv[0] && /^[Aa]\d{1,6}$/.test(argv[0])) return problem(checkinTexts.activityRef(argv[0].toUpperCase()))
    const a = parseCheckinArgs(argv)
    return a.ok ? ok({ ...a, argv, text: argv.join(' ') }) : problem(a.problem)
  },
  // Recording (not undoing) is the hot path: one statement marks the message and writes the check-in.
  recordsItself: (args) => !args.undo,
  async run(ctx) {
    const { member, room } = ctx
    if (ctx.args.undo) {
      const undone = await undoLastCheckin(ctx.work, member.id)
      return ctx.reply(checkinTexts.undone(undone), { mention: true })
    }
    // The kind is the district's (policy checkinKinds): the words are read again against its list.
    const kinds = (await unitContext(ctx.work.db, room.unit)).policy.checkinKinds
    const again = parseCheckinArgs(ctx.args.argv, kinds)
    const same = again.ok && !again.undo && again.type === ctx.args.type && again.households === ctx.args.households
    // The note as typed (，、。 kept), as the pipeline gives it for the first reading.
    const args = again.ok && !again.undo && !same ? { ...again, note: again.note && asTyped(again.note, ctx.args.text) } : ctx.args
    // The confirmation is written by the same statement as the record, with the day's counts filled in there.
    const reply = ctx.durable.address({ mention: true })
    const template = sqlTemplate(2, (mine, unit) =>
      checkinTexts.recorded({ type: args.type, kinds, households: args.households, at: ctx.now, unitName: room.unit.name, mine, unit }),
    )
    const recorded = await recordCheckin(
      ctx.work,
      {
        memberId: member.id,
        unitId: room.unitId,
        roomId: room.id,
        type: args.type,
        households: args.households,
        note: args.note,
        accountId: ctx.msg.accountId,
        messageId: ctx.msg.messageId,
      },
      ctx.durable.inbox,
      reply ? { ...reply, template } : null,
    )
    if (!recorded) throw new DuplicateMessage()
    const text =
      recorded.replyText ??
      checkinTexts.recorded({ ...recorded, kinds, unitName: room.unit.name, mine: String(recorded.mineToday), unit: String(recorded.unitToday) })
    ctx.durable.written(text, { mention: true })
  },
}
