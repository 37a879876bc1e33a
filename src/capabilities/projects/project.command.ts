// 领题攻坚 projects: #项目 (create, show, add to), #项目列表, and the project halves of #认领/#领题 P3 and #完成 P3
// (task-actions.command.ts dispatches on the id's letter, as #办结 does for H and T).
import { projectCommandHelp } from './project.command.help.texts.ts'
import { entry } from '../../core/match-group.ts'
import { UsageError } from '../../core/errors.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { addToProject, claimProject, completeProject, createProject, showProject, type ProjectOp, type ProjectRef } from './project.service.ts'
import { abandonProject, cancelProject, giveProject } from './project-actions.service.ts'
import { handBackProject } from './project-hand-back.service.ts'
import type { MemberWithUnit } from '../../kernel/org/org.types.ts'
import { unitNamed } from '../../kernel/org/org.service.ts'
import type { ItemVerbs } from '../../kernel/shared-verbs.ts'
import { projectTexts } from './project.texts.ts'
import { projectWords } from './project-words.texts.ts'
import type { ItemKind, ItemRef } from './project.types.ts'
import { parseRef } from '../../parser/refs.ts'
import { replyProjectList } from './project-list.command.ts'
import { parseListArgs, PROJECT_STATE_WORDS } from '../../parser/list-args.ts'
import { ok, problem, type CommandContext, type CommandDef, type ParseResult } from '../../pipeline/command.ts'

export function projectOp(ctx: CommandContext<unknown>): ProjectOp {
  return { ...ctx.work, actor: ctx.member, room: ctx.room, messageId: ctx.msg.messageId }
}

export type ProjectRefArgs = { ref: ProjectRef; rest: string }

/** "P3 rest of the words" → the ref and the rest; a missing or malformed id is a usage problem. */
export function parseProjectRef(argv: string[]): ParseResult<ProjectRefArgs> {
  const r = parseRef('P', argv[0])
  if (!r.ok) return problem(r.problem === 'missing' ? projectTexts.missingRef() : projectTexts.malformedRef(argv[0] ?? ''))
  return ok({ ref: { number: r.number, label: r.label }, rest: argv.slice(1).join(' ').trim() })
}

/** Does this word name a project (P3), for the verbs shared with tasks? */
export const isProjectRef = (word: string | undefined) => /^p\d/i.test(word ?? '')

const ITEM_KIND: Record<string, ItemKind> = { N: 'need', T: 'task', R: 'resource' }
const ITEM_WORD = /^[NTRntr]\d+[。．.，,、!！]*$/

/** N4, T9, R2 → an item reference; null when the word is not one. */
function itemRef(word: string): ItemRef | null {
  if (!ITEM_WORD.test(word)) return null
  const prefix = word.charAt(0).toUpperCase()
  const r = parseRef(prefix, word)
  return r.ok ? { kind: entry(ITEM_KIND, prefix), number: r.number, label: r.label } : null
}

type Args =
  | { kind: 'show'; ref: ProjectRef }
  | { kind: 'add'; ref: ProjectRef; items: ItemRef[] }
  | { kind: 'list'; argv: string[] }
  | { kind: 'create'; title: string; items: ItemRef[]; unitName: string | null }

const ADD_WORDS = new Set(projectWords.addWords)

function parse(argv: string[]): ParseResult<Args> {
  if (!argv.length) return problem(projectTexts.missingTitle())
  if (argv[0] === projectWords.list) return ok({ kind: 'list', argv: argv.slice(1) })
  if (isProjectRef(argv[0])) {
    const r = parseProjectRef(argv)
    if (!r.ok) return r
    if (argv.length === 1) return ok({ kind: 'show', ref: r.args.ref })
    if (!ADD_WORDS.has(argv[1] ?? '')) return problem(projectWords.showOrAdd(r.args.ref.label))
    const words = argv.slice(2)
    if (!words.length) return problem(projectTexts.missingItems(r.args.ref.label))
    const items: ItemRef[] = []
    for (const w of words) {
      const item = itemRef(w)
      if (!item) return problem(projectTexts.malformedItem(w))
      items.push(item)
    }
    return ok({ kind: 'add', ref: r.args.ref, items })
  }
  const items = argv.map(itemRef).filter((x): x is ItemRef => x !== null)
  // `@华府社区5号网格`: the project is for that unit below (#22).
  const units = argv.filter((w) => w.startsWith('@')).flatMap((w) => w.split('@').filter(Boolean))
  const title = argv.filter((w) => !itemRef(w) && !w.startsWith('@')).join(' ')
  if (!title) return problem(projectTexts.missingTitle())
  return ok({ kind: 'create', title, items, unitName: units[0] ?? null })
}

export const projectCommand: CommandDef<Args> = {
  access: 'member',
  name: projectCommandHelp.projectCommand.name,
  aliases: ['project'],
  summary: projectCommandHelp.projectCommand.summary,
  usage: projectCommandHelp.projectCommand.usage,
  example: projectCommandHelp.projectCommand.example,
  parse,
  async run(ctx) {
    const a = ctx.args
    if (a.kind === 'list') return replyProjectList(ctx, parseListArgs(a.argv, PROJECT_STATE_WORDS))
    if (a.kind === 'show') return ctx.reply(await showProject(projectOp(ctx), a.ref))
    if (a.kind === 'add') {
      const r = await addToProject(projectOp(ctx), a.ref, a.items)
      return ctx.reply(projectTexts.added(r.project, r.added, r.already), { mention: true })
    }
    const forUnit = a.unitName ? await unitNamed(ctx.work, ctx.room, a.unitName) : null
    if (a.unitName && !forUnit) throw new UsageError(projectTexts.notAUnit(a.unitName))
    const r = await createProject(projectOp(ctx), { title: a.title, items: a.items, forUnit })
    ctx.reply(projectTexts.created(r.project, r.project.unit.name, r.items), { mention: true })
  },
}

/** #领题 P3 / #认领 P3. */
export async function claimProjectReply(ctx: CommandContext<ProjectRefArgs>) {
  const { project, progress } = await claimProject(projectOp(ctx), ctx.args.ref)
  ctx.reply(textFor(ctx.room.unitId, project.unitId, projectTexts.claimed(project, progress)), { mention: true })
}

/** #完成 P3 <总结>. */
export async function completeProjectReply(ctx: CommandContext<ProjectRefArgs>) {
  if (!ctx.args.rest) throw new UsageError(projectTexts.summaryMissing(), projectWords.completeExample(ctx.args.ref.label))
  const r = await completeProject(projectOp(ctx), ctx.args.ref, ctx.args.rest)
  const points = r.notes.join('')
  const six = r.six.length ? projectTexts.sixCredited(r.holderName, r.six) : ''
  ctx.reply(`${textFor(ctx.room.unitId, r.project.unitId, projectTexts.completed(r.project, r.progress))}${points}${six}`, { mention: true })
}

/** #放弃 P3, #取消 P3, #接手 P3, #转派 P3 @人 (#22): the verbs a project shares with tasks. */
export async function projectVerbReply(ctx: CommandContext<ProjectRefArgs>, verb: 'abandon' | 'cancel' | 'take_over' | 'reassign', to: MemberWithUnit | null) {
  const op = projectOp(ctx)
  const p =
    verb === 'abandon'
      ? await abandonProject(op, ctx.args.ref, ctx.args.rest)
      : verb === 'cancel'
        ? await cancelProject(op, ctx.args.ref, ctx.args.rest)
        : await giveProject(op, ctx.args.ref, to)
  const text =
    verb === 'abandon'
      ? projectTexts.abandoned(p)
      : verb === 'cancel'
        ? projectTexts.cancelled(p)
        : to
          ? projectTexts.reassigned(p, to.name)
          : projectTexts.tookOver(p)
  ctx.reply(textFor(ctx.room.unitId, p.unitId, text), { mention: true })
}

/** #退回 P3 理由 (#22): a project handed down goes back to the unit it came from. */
export async function handBackProjectReply(ctx: CommandContext<ProjectRefArgs>) {
  const { project, toUnit } = await handBackProject(projectOp(ctx), ctx.args.ref, ctx.args.rest)
  ctx.reply(projectTexts.handedBackReply(project, toUnit.name), { mention: true })
}

/** The verbs projects share with tasks (kernel/shared-verbs.ts): #认领 P3, #完成 P3, #放弃 P3 … */
export const projectVerbs: ItemVerbs = {
  owns: isProjectRef,
  parse: parseProjectRef,
  run(ctx, verb, to) {
    if (verb === 'claim') return claimProjectReply(ctx)
    if (verb === 'complete') return completeProjectReply(ctx)
    if (verb === 'hand_back') return handBackProjectReply(ctx)
    return projectVerbReply(ctx, verb, to)
  },
}
