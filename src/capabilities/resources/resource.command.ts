// 资源清单: #资源 registers what is offered, #资源列表 lists the subtree's, #对接 matches a task or need to one.
import { listResources, matchResource, registerResource } from './resource.service.ts'
import { resourceCommandTexts, resourceTexts } from './resource.texts.ts'
import { parseRef } from '../../parser/refs.ts'
import { ok, problem, type CommandDef, type ParseResult } from '../../pipeline/command.ts'
import { mentionedMembers } from '../../kernel/org/org.service.ts'

type ResourceArgs = { description: string; providerName: string | null; names: string[] }

/** "#资源 免费理发 每月一次 提供方 爱心理发店" (or "提供方:…", or "@某人" for a member who offers it). */
export function parseResource(argv: string[]): ParseResult<ResourceArgs> {
  const names = argv.filter((w) => w.startsWith('@')).flatMap((w) => w.split('@').filter(Boolean))
  const words = argv.filter((w) => !w.startsWith('@'))
  const at = words.findIndex((w) => /^(提供方|提供者|提供)[::]?/.test(w))
  let providerName: string | null = null
  let description = words
  const marker = words[at]
  if (marker !== undefined) {
    providerName = [marker.replace(/^(提供方|提供者|提供)[::]?/, ''), ...words.slice(at + 1)].join(' ').trim() || null
    description = words.slice(0, at)
  }
  const text = description.join(' ').trim()
  return text ? ok({ description: text, providerName, names }) : problem(resourceTexts.missing())
}

export const resourceCommand: CommandDef<ResourceArgs> = {
  access: 'member',
  ...resourceCommandTexts.register,
  parse: parseResource,
  async run(ctx) {
    const [provider, ...others] = await mentionedMembers(ctx.work, ctx.room, ctx.msg.mentionIds, ctx.args.names)
    if (others.length) return ctx.reply(resourceTexts.oneProvider(), { mention: true })
    const r = await registerResource(ctx.work, {
      room: ctx.room,
      actor: ctx.member,
      description: ctx.args.description,
      providerName: ctx.args.providerName,
      provider: provider ?? null,
    })
    ctx.reply(resourceTexts.registered(r, r.providerName), { mention: true })
  },
}

export const resourceListCommand: CommandDef<null> = {
  access: 'member',
  ...resourceCommandTexts.list,
  parse: () => ok(null),
  async run(ctx) {
    const unit = ctx.room.unit
    const { total, lines } = await listResources(ctx.work, unit)
    ctx.reply(total ? resourceTexts.list(unit.name, total, lines) : resourceTexts.listEmpty(unit.name))
  },
}

type MatchArgs = { work: { kind: 'T' | 'N'; number: number; label: string }; resource: { number: number; label: string } }

export function parseMatch(argv: string[]): ParseResult<MatchArgs> {
  let work: MatchArgs['work'] | null = null
  let resource: MatchArgs['resource'] | null = null
  for (const w of argv) {
    const t = parseRef('T', w)
    const n = parseRef('N', w)
    const r = parseRef('R', w)
    if (t.ok) work = { kind: 'T', number: t.number, label: t.label }
    else if (n.ok) work = { kind: 'N', number: n.number, label: n.label }
    else if (r.ok) resource = { number: r.number, label: r.label }
    else return problem(resourceTexts.badArgs())
  }
  return work && resource ? ok({ work, resource }) : problem(resourceTexts.badArgs())
}

export const matchCommand: CommandDef<MatchArgs> = {
  access: 'member',
  ...resourceCommandTexts.match,
  parse: parseMatch,
  async run(ctx) {
    const r = await matchResource({ ...ctx.work, messageId: ctx.msg.messageId }, { actor: ctx.member, room: ctx.room, ...ctx.args })
    ctx.reply(resourceTexts.matched(r.work, r.title, r.resource), { mention: true, mentionIds: r.contactWxid ? [r.contactWxid] : [] })
  },
}
