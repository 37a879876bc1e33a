// #活动 (create, show, close, cancel, statistics), #报名, #取消报名, #活动签到, #到场, #活动列表.
import {
  isAllWord,
  isCancelWord,
  isCloseWord,
  isScheduleWord,
  isStatsWord,
  parseActivityDraft,
  parseActivityTail,
  parsePeriod,
  type ActivityDraft,
  type ActivityTail,
} from '../../parser/activity-args.ts'
import { parseSchedule } from '../../parser/schedule.ts'
import { createSeries } from './series.service.ts'
import { parseRef } from '../../parser/refs.ts'
import { ok, problem, type CommandContext, type CommandDef, type GuestContext, type ParseResult } from '../../pipeline/command.ts'
import { createActivity, listActivities, showActivity } from './activity.service.ts'
import { cancelActivity, closeActivity } from './close.service.ts'
import { activityStats } from './stats.service.ts'
import { activityCommandTexts, activityTexts } from './activity.texts.ts'
import { cancelSignup, markPresent, onboardingOf, resolvePeople, signUp, type Person } from './signup.service.ts'
import { checkIn } from './attendance.service.ts'

type Ref = { number: number; label: string }
type ActivityArgs =
  | { kind: 'create'; draft: ActivityDraft }
  | { kind: 'show'; ref: Ref }
  | { kind: 'close'; ref: Ref; words: string[] }
  | { kind: 'cancel'; ref: Ref }
  | { kind: 'stats'; period: 'month' | 'year' }
  | { kind: 'series'; cron: string; phrase: string; tail: ActivityTail }

export function parseActivity(argv: string[], _text: string, now: Date): ParseResult<ActivityArgs> {
  const ref = parseRef('A', argv[0])
  if (ref.ok) {
    const sub = argv[1]
    if (!sub) return ok({ kind: 'show', ref })
    if (isCloseWord(sub)) return ok({ kind: 'close', ref, words: argv.slice(2) })
    if (isCancelWord(sub)) return ok({ kind: 'cancel', ref })
    return problem(activityTexts.badRef(), activityTexts.closeExample())
  }
  if (isStatsWord(argv[0])) {
    const period = parsePeriod(argv[1])
    return period ? ok({ kind: 'stats', period }) : problem(activityTexts.badPeriod(argv[1] ?? ''), activityTexts.statsExample())
  }
  if (isScheduleWord(argv[0])) {
    const when = parseSchedule(argv[1] ?? '', now)
    if (!when.ok) return problem(activityTexts.scheduleProblem(when.problem))
    if (when.kind !== 'cron') return problem(activityTexts.scheduleOnce())
    const t = parseActivityTail(argv.slice(2))
    return t.ok ? ok({ kind: 'series', cron: when.cron, phrase: when.phrase, tail: t.tail }) : problem(activityTexts.problem(t.problem))
  }
  const r = parseActivityDraft(argv, now)
  return r.ok ? ok({ kind: 'create', draft: r.draft }) : problem(activityTexts.problem(r.problem))
}

const op = (ctx: GuestContext<unknown>) => ({ ...ctx.work, room: ctx.room, messageId: ctx.msg.messageId })
const person = (ctx: GuestContext<unknown>): Person => ({ wxid: ctx.msg.talkerId, name: ctx.member?.name ?? ctx.msg.talkerName, member: ctx.member })

async function runActivity(ctx: CommandContext<ActivityArgs>) {
  const a = ctx.args
  if (a.kind === 'show') return ctx.reply(await showActivity(ctx.work, ctx.room, a.ref))
  if (a.kind === 'stats') return ctx.reply(await activityStats(ctx.work, ctx.room.unit, a.period))
  if (a.kind === 'close') return ctx.reply(await closeActivity(op(ctx), ctx.member, a.ref, a.words), { mention: true })
  if (a.kind === 'cancel') {
    const r = await cancelActivity(op(ctx), ctx.member, a.ref)
    return ctx.reply(r.text, { mention: true, mentionIds: r.mentionIds })
  }
  if (a.kind === 'series') {
    const s = await createSeries(op(ctx), ctx.member, a)
    return ctx.reply(activityTexts.seriesCreated(s.series, s.first, s.targetName), { mention: true })
  }
  const r = await createActivity(op(ctx), { actor: ctx.member, draft: a.draft })
  ctx.reply(activityTexts.created(r.activity, r.target?.name ?? null, r.rooms, r.project), { mention: true })
}

export const activityCommand: CommandDef<ActivityArgs> = {
  access: 'member',
  ...activityCommandTexts.activity,
  parse: parseActivity,
  async run(ctx) {
    // Creating, closing and cancelling are for cadres and supervisors; everyone may look.
    if ((ctx.args.kind === 'create' || ctx.args.kind === 'stats' || ctx.args.kind === 'series') && ctx.member.role === 'volunteer')
      return ctx.reply(activityTexts.cadresOnly(), { mention: true })
    await runActivity(ctx)
  },
}

const refArgs = (argv: string[]): ParseResult<{ ref: Ref }> => {
  const ref = parseRef('A', argv[0])
  return ref.ok ? ok({ ref }) : problem(activityTexts.badRef())
}

export const signUpCommand: CommandDef<{ ref: Ref }> = {
  access: 'guest',
  ...activityCommandTexts.signUp,
  parse: refArgs,
  async run(ctx) {
    const who = person(ctx)
    const r = await signUp(op(ctx), who, ctx.args.ref)
    const text = r.signup.status === 'waiting' ? activityTexts.waiting(r.activity, who.name, r.position) : activityTexts.signed(r.activity, who.name, r.signed)
    if (who.member) return ctx.reply(text, { mention: true })
    // Not on the roster: signed up as a resident, told how to register, and the group's cadres asked to check.
    const o = await onboardingOf(ctx.work, ctx.room)
    ctx.reply(
      `${text}\n${activityTexts.onboarding(
        o.registrars,
        o.cadres.map((c) => c.name),
      )}`,
      { mention: true, mentionIds: o.cadres.map((c) => c.wxid) },
    )
  },
}

export const cancelSignupCommand: CommandDef<{ ref: Ref }> = {
  access: 'guest',
  ...activityCommandTexts.cancelSignup,
  parse: refArgs,
  async run(ctx) {
    const who = person(ctx)
    const r = await cancelSignup(op(ctx), who, ctx.args.ref)
    const text = [activityTexts.cancelled(r.activity, who.name), r.promoted ? activityTexts.promotedHere(r.promoted.name) : null].filter(Boolean).join('\n')
    ctx.reply(text, { mention: true, mentionIds: r.promoted ? [r.promoted.wxid] : [] })
  },
}

export const activityCheckInCommand: CommandDef<{ ref: Ref }> = {
  access: 'guest',
  ...activityCommandTexts.checkIn,
  parse: refArgs,
  async run(ctx) {
    const who = person(ctx)
    const r = await checkIn(op(ctx), who, ctx.args.ref)
    const text =
      r.kind === 'already'
        ? activityTexts.alreadyCheckedIn(r.activity, who.name)
        : r.kind === 'pending'
          ? activityTexts.checkInPending(r.activity, who.name, r.needs)
          : activityTexts.checkedIn(r.activity, who.name, r.walkIn, r.late)
    ctx.reply(text, { mention: true })
  },
}

type PresentArgs = { ref: Ref; all: boolean; names: string[] }

export const presentCommand: CommandDef<PresentArgs> = {
  access: 'member',
  ...activityCommandTexts.present,
  parse: (argv) => {
    const ref = parseRef('A', argv[0])
    if (!ref.ok) return problem(activityTexts.badRef(), activityTexts.presentExample())
    const rest = argv.slice(1)
    const names = rest
      .flatMap((w) => w.split('@'))
      .map((w) => w.trim())
      .filter(Boolean)
    return ok({ ref, all: rest.some(isAllWord), names: names.filter((n) => !isAllWord(n)) })
  },
  async run(ctx) {
    const { people, missing } = await resolvePeople(ctx.work, ctx.room, ctx.msg.mentionIds, ctx.args.names)
    const r = await markPresent(op(ctx), ctx.member, ctx.args.ref, { all: ctx.args.all, people })
    const text = [activityTexts.present(r.activity, r.marked, r.walkIns, r.present), missing.length ? activityTexts.notFound(missing) : null]
      .filter(Boolean)
      .join('\n')
    ctx.reply(text, { mention: true })
  },
}

export const activityListCommand: CommandDef<null> = {
  access: 'guest',
  ...activityCommandTexts.list,
  parse: () => ok(null),
  async run(ctx) {
    ctx.reply(await listActivities(ctx.work, ctx.room.unit))
  },
}
