// The verbs on one hazard report: 受理 处置 转办 办结 核实 重办 附议, and the answers to a duplicate question: 同 不同.
import { acknowledgeHazard, keepHazard, mergeHazard, progressHazard, reopenHazard, resolveHazard, verifyHazard } from './hazard.service.ts'
import { hazardTexts } from './hazard.texts.ts'
import { hazardCommandTexts as C, hazardNeeds, hazardVerbTexts } from './hazard-commands.texts.ts'
import { secondHazard } from './hazard-second.service.ts'
import { referHazard } from './hazard-refer.service.ts'
import { hazardReferTexts } from './hazard-refer.texts.ts'
import { hazardSecondTexts } from './hazard-second.texts.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { hazardOp, parseHazardRef, parseHazardRefWith, type HazardRefArgs } from './hazard-support.ts'
import { completeTaskReply, type RefArgs } from '../tasks/task-actions.command.ts'
import { parseTaskRef } from '../tasks/task-support.ts'

export const acknowledgeCommand: CommandDef<HazardRefArgs> = {
  access: 'member',
  ...C.acknowledge,
  aliases: ['ack'],
  parse: (argv) => (argv.length > 1 && /^h\d/i.test(argv[1] ?? '') ? problem(hazardTexts.oneAtATime()) : parseHazardRef(argv)),
  async run(ctx) {
    const r = await acknowledgeHazard(hazardOp(ctx), ctx.args.ref)
    const text = r.forwardedTo ? hazardTexts.forwarded(r.hazard, r.forwardedTo.name) : hazardTexts.acknowledged(r.hazard)
    ctx.reply(text, { mention: true, mentionIds: r.mentionIds })
  },
}

export const handleCommand: CommandDef<HazardRefArgs> = {
  access: 'member',
  ...C.handle,
  aliases: ['handle'],
  parse: parseHazardRefWith(hazardNeeds.handle),
  async run(ctx) {
    const r = await progressHazard(hazardOp(ctx), ctx.args.ref, ctx.args.rest)
    ctx.reply(hazardTexts.progressed(r.hazard), { mention: true, mentionIds: r.mentionIds })
  },
}

type ResolveArgs = { kind: 'hazard'; args: HazardRefArgs } | { kind: 'task'; args: RefArgs }

/** #办结 H7 resolves a hazard; #办结 T12 completes a task (the id's letter decides, as people say 办结 for both). */
export const resolveCommand: CommandDef<ResolveArgs> = {
  access: 'member',
  ...C.resolve,
  aliases: ['resolve'],
  parse(argv): ParseResult<ResolveArgs> {
    if (/^h/i.test(argv[0] ?? '')) {
      const r = parseHazardRefWith(hazardNeeds.resolve)(argv)
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
  ...C.verify,
  aliases: ['verify'],
  parse: parseHazardRef,
  async run(ctx) {
    const r = await verifyHazard(hazardOp(ctx), ctx.args.ref)
    ctx.reply(`${hazardTexts.verified(r.hazard)}${r.notes.join('')}`, { mention: true, mentionIds: r.mentionIds })
  },
}

export const reopenCommand: CommandDef<HazardRefArgs> = {
  access: 'guest',
  ...C.reopen,
  aliases: ['reopen'],
  parse: parseHazardRefWith(hazardNeeds.reopen),
  async run(ctx) {
    const r = await reopenHazard(hazardOp(ctx), ctx.args.ref, ctx.args.rest)
    ctx.reply(hazardTexts.reopened(r.hazard), { mention: true, mentionIds: r.mentionIds })
  },
}

export const sameCommand: CommandDef<HazardRefArgs> = {
  access: 'guest',
  ...C.same,
  aliases: ['same'],
  parse: parseHazardRef,
  async run(ctx) {
    const r = await mergeHazard(hazardOp(ctx), ctx.args.ref)
    ctx.reply(r.merged ? hazardTexts.merged(r.hazard, r.into) : hazardTexts.mergeLate(r.hazard, r.into), { mention: true })
  },
}

export const differentCommand: CommandDef<null> = {
  access: 'guest',
  ...C.different,
  aliases: ['notsame'],
  parse: (argv) => (argv.length === 0 || /^h\d+/i.test(argv[0] ?? '') ? ok(null) : problem(hazardVerbTexts.differentBare)),
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
