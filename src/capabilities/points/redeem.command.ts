// #商品 (what this member can redeem), #兑换 (spend points, get a code), #核销 (a supervisor or provider uses the code).
import { catalogueFor, checkOff, redeem } from './redemption.service.ts'
import { redeemTexts } from './points.texts.ts'
import { pointsCommandTexts } from './points-commands.texts.ts'
import { ok, problem, type CommandDef } from '../../pipeline/command.ts'

export const catalogueCommand: CommandDef<null> = {
  access: 'member',
  ...pointsCommandTexts.catalogue,
  parse: () => ok(null),
  async run(ctx) {
    const { items, balance } = await catalogueFor(ctx.work, ctx.member)
    ctx.reply(redeemTexts.catalogue(ctx.member.unit.name, items, balance), { mention: true })
  },
}

export const redeemCommand: CommandDef<{ item: string }> = {
  access: 'member',
  ...pointsCommandTexts.redeem,
  // "理发券。" and "理发券 1张" are read in the service (pickItem), which knows the items.
  parse: (_argv, text) => (text.replace(/[\p{P}\s]+$/u, '') ? ok({ item: text }) : problem(redeemTexts.missingItem())),
  async run(ctx) {
    const r = await redeem(ctx.work, { member: ctx.member, roomId: ctx.room.id, itemName: ctx.args.item })
    const text = 'amount' in r ? redeemTexts.redeemedAmount(r.item, r.amount, r.code, r.balance) : redeemTexts.redeemed(r.item, r.code, r.balance)
    ctx.reply(text, { mention: true })
  },
}

export const checkOffCommand: CommandDef<{ code: string }> = {
  access: 'member',
  ...pointsCommandTexts.checkOff,
  parse: (argv) => (argv[0] ? ok({ code: argv.join('') }) : problem(redeemTexts.missingCode())),
  async run(ctx) {
    const r = await checkOff(ctx.work, { actor: ctx.member, code: ctx.args.code })
    const text =
      r.amount !== null ? redeemTexts.checkedOffAmount(r.code, r.item.name, r.amount, r.memberName) : redeemTexts.checkedOff(r.code, r.item.name, r.memberName)
    ctx.reply(text, { mention: true, mentionIds: r.memberWxid ? [r.memberWxid] : [] })
  },
}
