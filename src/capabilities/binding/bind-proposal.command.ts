// #确认绑定 / #拒绝绑定: an admin decides, in the admins' group, the bindings the bot proposed there (groups whose
// topic names exactly one unbound room of the org file). Confirmed ones are bound by #绑定's own service, and each
// bound group is welcomed there as #绑定 would have done.
import { jobId } from '../../core/ids.ts'
import { confirmProposals, isAdminRoom, pendingProposals, refuseProposals } from './binding.service.ts'
import { ALL_WORDS, bindCommandTexts as C, bindingTexts, PROPOSAL_PREFIX } from './binding.texts.ts'
import { districtOf } from '../../kernel/org/org.types.ts'
import { bindTexts } from '../../kernel/org/room-binding.service.ts'
import { parseRef, refInRange } from '../../parser/refs.ts'
import { ok, problem, type CommandContext, type CommandDef, type ParseResult } from '../../pipeline/command.ts'

const ALL = ALL_WORDS

type Ids = { numbers: number[] | 'all' | null }

/** "G12 G13", "G12,G13", "全部", or nothing (the pending list). */
function parseIds(argv: string[], example: string, allowAll: boolean): ParseResult<Ids> {
  const words = argv.flatMap((a) => a.split(/[,,;;]/u)).filter(Boolean)
  if (words.length === 0) return ok({ numbers: null })
  if (words.length === 1 && ALL.has((words[0] ?? '').toLowerCase())) return allowAll ? ok({ numbers: 'all' }) : problem(bindingTexts.badIds, example)
  const numbers: number[] = []
  for (const w of words) {
    const r = parseRef(PROPOSAL_PREFIX, w)
    if (!r.ok) return problem(bindingTexts.notAnId(w), example)
    if (refInRange(r.number) && !numbers.includes(r.number)) numbers.push(r.number)
    else if (!refInRange(r.number)) return problem(bindingTexts.notFound(r.label), example)
  }
  return ok({ numbers })
}

/** Both commands are taken only in the district's admins' group, from an admin of that district. */
async function inAdminRoom(ctx: CommandContext<Ids>, name: string): Promise<number | null> {
  const districtId = districtOf(ctx.room.unit)
  if (districtOf(ctx.member.unit) === districtId && (await isAdminRoom(ctx.work.db, districtId, ctx.room.id))) return districtId
  ctx.reply(bindingTexts.notAdminRoom(name), { mention: true })
  return null
}

export const confirmBindingCommand: CommandDef<Ids> = {
  access: 'member',
  ...C.confirm,
  aliases: ['confirm-bind'],
  roles: ['admin'],
  parse: (argv) => parseIds(argv, C.confirm.example, true),
  async run(ctx) {
    const districtId = await inAdminRoom(ctx, C.confirm.name)
    if (districtId === null) return
    if (ctx.args.numbers === null) {
      const p = await pendingProposals(ctx.work.db, districtId)
      return ctx.reply(bindingTexts.pendingList(p.lines, p.more))
    }
    const r = await confirmProposals(ctx.work, { districtId, memberId: ctx.member.id, numbers: ctx.args.numbers })
    for (const b of r.bound) {
      // The bound group hears what #绑定 typed there would have said; a group it replaced is told, as with #绑定.
      const welcome = { accountId: b.accountId, roomId: b.wxRoomId, text: bindTexts.bound(b.result.unit, b.result.otherRooms), mentionIds: [] }
      ctx.post(welcome, jobId('bound', b.wxRoomId, ctx.msg.messageId))
      const replaced = b.result.replaced
      if (replaced?.wxRoomId) {
        const text = bindTexts.replacedNotice(b.result.unit, b.topic, ctx.member.name)
        ctx.post({ accountId: replaced.accountId, roomId: replaced.wxRoomId, text, mentionIds: [] }, jobId('unbound', replaced.id, ctx.msg.messageId))
      }
    }
    if (ctx.args.numbers === 'all' && r.bound.length === 0 && r.refused.length === 0) return ctx.reply(bindingTexts.noPending)
    ctx.reply(
      bindingTexts.confirmed(
        r.bound.map((b) => b.line),
        r.refused.map((x) => ({ label: x.label, why: bindingTexts.proposalWhy(x.why) })),
        r.left,
      ),
      { mention: true },
    )
  },
}

export const refuseBindingCommand: CommandDef<Ids> = {
  access: 'member',
  ...C.refuse,
  aliases: ['refuse-bind'],
  roles: ['admin'],
  parse: (argv) => {
    const r = parseIds(argv, C.refuse.example, false)
    return r.ok && r.args.numbers === null ? problem(bindingTexts.badIds, C.refuse.example) : r
  },
  async run(ctx) {
    const districtId = await inAdminRoom(ctx, C.refuse.name)
    if (districtId === null || !Array.isArray(ctx.args.numbers)) return
    const r = await refuseProposals(ctx.work, { districtId, memberId: ctx.member.id, numbers: ctx.args.numbers })
    ctx.reply(
      [
        r.done.length ? bindingTexts.refusedDone(r.done) : '',
        ...r.problems.map((x) => bindingTexts.refusedProblem({ label: x.label, why: bindingTexts.proposalWhy(x.why) })),
      ]
        .filter(Boolean)
        .join('\n'),
      {
        mention: true,
      },
    )
  },
}
