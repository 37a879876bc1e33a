// The verbs on one hazard report: 受理 处置 转办 办结 核实 重办 附议, and the answers to a duplicate question: 同 不同.
import { acknowledgeHazard, keepHazard, mergeHazard, progressHazard, reopenHazard, resolveHazard, verifyHazard } from './hazard.service.ts'
import { hazardTexts } from './hazard.texts.ts'
import { secondHazard } from './hazard-second.service.ts'
import { referHazard } from './hazard-refer.service.ts'
import { hazardReferTexts } from './hazard-refer.texts.ts'
import { hazardSecondTexts } from './hazard-second.texts.ts'
import { ledgerTexts } from '../points/points.texts.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { hazardOp, parseHazardRef, parseHazardRefWith, type HazardRefArgs } from './hazard-support.ts'
import { completeTaskReply, type RefArgs } from '../tasks/task-actions.command.ts'
import { parseTaskRef } from '../tasks/task-support.ts'

export const acknowledgeCommand: CommandDef<HazardRefArgs> = {
  access: 'member',
  name: '受理',
  aliases: ['ack'],
  summary: '受理隐患(居民上报的:网格员核实后转负责单位)',
  usage: '#受理 H7',
  example: '#受理 H7',
  parse: (argv) => (argv.length > 1 && /^h\d/i.test(argv[1] ?? '') ? problem(hazardTexts.oneAtATime()) : parseHazardRef(argv)),
  async run(ctx) {
    const r = await acknowledgeHazard(hazardOp(ctx), ctx.args.ref)
    const text = r.forwardedTo ? hazardTexts.forwarded(r.hazard, r.forwardedTo.name) : hazardTexts.acknowledged(r.hazard)
    ctx.reply(text, { mention: true, mentionIds: r.mentionIds })
  },
}

export const handleCommand: CommandDef<HazardRefArgs> = {
  access: 'member',
  name: '处置',
  aliases: ['handle'],
  summary: '记录隐患处置情况',
  usage: '#处置 H7 <说明>',
  example: '#处置 H7 已联系物业清理,今天下午完成',
  parse: parseHazardRefWith('处置情况'),
  async run(ctx) {
    const r = await progressHazard(hazardOp(ctx), ctx.args.ref, ctx.args.rest)
    ctx.reply(hazardTexts.progressed(r.hazard), { mention: true, mentionIds: r.mentionIds })
  },
}

type ResolveArgs = { kind: 'hazard'; args: HazardRefArgs } | { kind: 'task'; args: RefArgs }

/** #办结 H7 resolves a hazard; #办结 T12 completes a task (the id's letter decides, as people say 办结 for both). */
export const resolveCommand: CommandDef<ResolveArgs> = {
  access: 'member',
  name: '办结',
  aliases: ['resolve'],
  summary: '办结隐患 H…(5分钟内发的图片作为办结照片),或完成任务 T…',
  usage: '#办结 H7 <结果>;#办结 T12 <结果>',
  example: '#办结 H7 杂物已清理,通道畅通',
  parse(argv): ParseResult<ResolveArgs> {
    if (/^h/i.test(argv[0] ?? '')) {
      const r = parseHazardRefWith('办结结果')(argv)
      return r.ok ? ok({ kind: 'hazard', args: r.args }) : r
    }
    if (/^t/i.test(argv[0] ?? '')) {
      const r = parseTaskRef(argv)
      return r.ok ? ok({ kind: 'task', args: r.args }) : r
    }
    return problem(argv[0] ? hazardTexts.malformedRef(argv[0]) : hazardTexts.missingRef())
  },
  async run(ctx) {
    const a = ctx.args
    if (a.kind === 'task') return completeTaskReply({ ...ctx, args: a.args })
    const r = await resolveHazard(hazardOp(ctx), a.args.ref, a.args.rest)
    ctx.reply(hazardTexts.resolved(r.hazard, r.images), { mention: true, mentionIds: r.mentionIds })
  },
}

export const verifyCommand: CommandDef<HazardRefArgs> = {
  access: 'guest',
  name: '核实',
  aliases: ['verify'],
  summary: '核实已办结的隐患(上报人或上级负责人)',
  usage: '#核实 H7',
  example: '#核实 H7',
  parse: parseHazardRef,
  async run(ctx) {
    const r = await verifyHazard(hazardOp(ctx), ctx.args.ref)
    const note = r.points ? ledgerTexts.earnedNote(r.points.name, r.points.centi, r.points.paidOwed) : ''
    ctx.reply(`${hazardTexts.verified(r.hazard)}${note}`, { mention: true, mentionIds: r.mentionIds })
  },
}

export const reopenCommand: CommandDef<HazardRefArgs> = {
  access: 'guest',
  name: '重办',
  aliases: ['reopen'],
  summary: '隐患没有解决:退回重新处置(上报人或上级负责人)',
  usage: '#重办 H7 <原因>',
  example: '#重办 H7 杂物又堆回来了',
  parse: parseHazardRefWith('重办原因'),
  async run(ctx) {
    const r = await reopenHazard(hazardOp(ctx), ctx.args.ref, ctx.args.rest)
    ctx.reply(hazardTexts.reopened(r.hazard), { mention: true, mentionIds: r.mentionIds })
  },
}

export const sameCommand: CommandDef<HazardRefArgs> = {
  access: 'guest',
  name: '同',
  aliases: ['same'],
  summary: '您上报的隐患与提示的 H… 是同一个:合并',
  usage: '#同 H3',
  example: '#同 H3',
  parse: parseHazardRef,
  async run(ctx) {
    const r = await mergeHazard(hazardOp(ctx), ctx.args.ref)
    ctx.reply(r.merged ? hazardTexts.merged(r.hazard, r.into) : hazardTexts.mergeLate(r.hazard, r.into), { mention: true })
  },
}

export const differentCommand: CommandDef<null> = {
  access: 'guest',
  name: '不同',
  aliases: ['notsame'],
  summary: '您上报的隐患与提示的不是同一个:继续上报',
  usage: '#不同',
  example: '#不同',
  parse: (argv) => (argv.length === 0 || /^h\d+/i.test(argv[0] ?? '') ? ok(null) : problem('直接发送 #不同 即可')),
  async run(ctx) {
    const r = await keepHazard(hazardOp(ctx))
    ctx.reply(hazardTexts.kept(r.hazard, r.routed), { mention: true })
  },
}

export const secondCommand: CommandDef<HazardRefArgs> = {
  access: 'guest',
  name: hazardSecondTexts.word,
  aliases: ['+1'],
  summary: hazardSecondTexts.summary,
  usage: hazardSecondTexts.usage,
  example: hazardSecondTexts.usage,
  parse: parseHazardRef,
  async run(ctx) {
    const r = await secondHazard(hazardOp(ctx), ctx.args.ref)
    ctx.reply((r.already ? hazardSecondTexts.already : hazardSecondTexts.seconded)(r.hazard, r.count), { mention: true })
  },
}

/** #转办 H7 物业 [说明]: the first word after the id is the body, the rest its instruction. */
export const referCommand: CommandDef<HazardRefArgs & { body: string }> = {
  access: 'member',
  name: hazardReferTexts.word,
  aliases: ['refer'],
  summary: hazardReferTexts.summary,
  usage: hazardReferTexts.usage,
  example: hazardReferTexts.example,
  parse(argv) {
    const r = parseHazardRef(argv)
    if (!r.ok) return r
    const [body, ...rest] = r.args.rest.split(/\s+/).filter(Boolean)
    return body ? ok({ ...r.args, body, rest: rest.join(' ') }) : problem(hazardReferTexts.missingBody())
  },
  async run(ctx) {
    const r = await referHazard(hazardOp(ctx), ctx.args.ref, ctx.args.body, ctx.args.rest)
    ctx.reply(hazardReferTexts.referred(r.hazard, r.body), { mention: true, mentionIds: r.mentionIds })
  },
}
