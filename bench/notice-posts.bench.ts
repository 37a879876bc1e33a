// Issue #23: what one notice costs the district's groups, in posts, and how big its status reply is — counts, not
// timings. The generated district (15 towns, 109 communities, 1,034 grids: 1,158 groups besides the district's own)
// on 8 bot accounts, embedded PGlite (DATABASE_URL for PostgreSQL), the notice services called as the dispatcher and
// the timers would (virtual time: the SLA and escalation steps run when due). Every post the bot would make is
// counted: the notice in each group, the plan reply, the sender's summary, the re-@s and the parents' summaries.
// Run alone: node bin/run-ts.js bench/notice-posts.ts (writes its section of BENCHMARKS.md); `npm run bench` runs it too.
import { generateDistrict } from '../src/config/org-generate.ts'
import { openDatabase, type Database } from '../src/db/client.ts'
import { Effects } from '../src/core/effects.ts'
import { DEFAULT_SEND_PACE } from '../src/core/ports.ts'
import { importOrg } from '../src/app/org-import.ts'
import { bindRoomsByTopic } from '../src/kernel/org/org.service.ts'
import type { MemberWithUnit, Room, Unit } from '../src/kernel/org/org.types.ts'
import { runNoticeEscalation, runNoticeSla } from '../src/capabilities/notices/notice-escalation.service.ts'
import { deliveriesSent, sendNotice, type NoticeOp } from '../src/capabilities/notices/notice.service.ts'
import { noticeStatus, type StatusQuery } from '../src/capabilities/notices/notice-status.service.ts'
import { renderNoticeStatus } from '../src/capabilities/notices/notice-status.texts.ts'
import { noticeTexts } from '../src/capabilities/notices/notice.texts.ts'
import type { NoticeDraft } from '../src/capabilities/notices/notice.types.ts'

/** One notice's run: posts by kind, and the longest post besides the notice itself. */
export interface NoticeRun {
  label: string
  groups: number
  acknowledgedAtSla: number
  notices: number
  plan: number
  summary: number
  reAt: number
  parents: number
  total: number
  longest: number
}

export interface NoticePostsFigures {
  groups: number
  accounts: number
  runs: NoticeRun[]
  status: { label: string; messages: number; chars: number; lines: number }[]
}

const START = new Date('2026-11-20T09:00:00+08:00')

async function run(db: Database, label: string, draft: NoticeDraft, answer: (roomId: number) => 'before' | 'after' | 'never', at: Date) {
  const prisma = db.prisma
  const room = (await prisma.room.findFirstOrThrow({ where: { unit: { kind: 'district' } }, include: { unit: true } })) as Room & { unit: Unit }
  const member = (await prisma.member.findFirstOrThrow({ where: { unitId: room.unitId, role: 'supervisor' }, include: { unit: true } })) as MemberWithUnit
  const effects = new Effects()
  const op: NoticeOp = { db: prisma, effects, now: at, member, room, pace: DEFAULT_SEND_PACE }
  const sent = await sendNotice(op, draft)
  const notices = effects.posts.length
  const planText = noticeTexts.plan(sent.notice, sent.targetName, sent.plan, at, sent.held)
  const deliveries = await prisma.noticeDelivery.findMany({ where: { noticeId: sent.notice.id } })
  await deliveriesSent(
    prisma,
    deliveries.map((d) => d.outboxKey),
    at,
  )
  const ack = async (when: 'before' | 'after', t: Date) => {
    const ids = deliveries.filter((d) => answer(d.roomId) === when).map((d) => d.roomId)
    await prisma.noticeDelivery.updateMany({ where: { noticeId: sent.notice.id, roomId: { in: ids } }, data: { status: 'acknowledged', ackAt: t } })
    return ids.length
  }
  const acknowledgedAtSla = await ack('before', at)
  // The timers when due (virtual time): the SLA step, then (chased notices) the escalation step one period later.
  const n = await prisma.notice.findUniqueOrThrow({ where: { id: sent.notice.id } })
  const steps = new Effects()
  if (n.nextEscalationAt) await prisma.$transaction((tx) => runNoticeSla(tx as never, steps, n.nextEscalationAt!, n.id, 0), { timeout: 300_000 })
  const afterSla = await prisma.notice.findUniqueOrThrow({ where: { id: n.id } })
  await ack('after', afterSla.nextEscalationAt ?? at)
  if (afterSla.nextEscalationAt)
    await prisma.$transaction((tx) => runNoticeEscalation(tx as never, steps, afterSla.nextEscalationAt!, n.id, 1), { timeout: 300_000 })
  const by = (prefix: string) => steps.posts.filter((p) => p.key.startsWith(prefix))
  const r: NoticeRun = {
    label,
    groups: deliveries.length,
    acknowledgedAtSla,
    notices,
    plan: 1,
    summary: by('notice-sum').length,
    reAt: by('notice-nudge').length,
    parents: by('notice-esc').length,
    total: 0,
    longest: Math.max(planText.length, ...steps.posts.map((p) => p.message.text.length)),
  }
  r.total = r.notices + r.plan + r.summary + r.reAt + r.parents
  return { run: r, notice: sent.notice, op }
}

export async function benchNoticePosts(): Promise<NoticePostsFigures> {
  const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034, accounts: 8 })
  spec.policies = { quietHours: false }
  const db = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {})
  try {
    await db.migrate()
    await importOrg(db.prisma, spec)
    await bindRoomsByTopic(db.prisma, spec.district, (topic) => `room-${topic}`, START)
    // Who answers: a fixed share of the groups by id (deterministic), before the SLA and after the re-@.
    const share = (before: number, after: number) => (roomId: number) => {
      const k = (roomId * 7919) % 100
      return k < before ? 'before' : k < before + after ? 'after' : 'never'
    }
    const runs: NoticeRun[] = []
    const text = '全区防汛:今晚有特大暴雨,请各网格立即排查低洼地带、地下车库和危房'
    const minute = (m: number) => new Date(START.getTime() + m * 60_000)
    runs.push(
      (await run(db, '普通通知(不催办)', { text: '下周开展消防安全宣传月活动', urgent: false, scope: 'subtree', target: null }, share(30, 0), minute(0))).run,
    )
    runs.push(
      (
        await run(
          db,
          '需确认,80% 按时确认,再 10% 被提醒后确认',
          { text, urgent: false, scope: 'subtree', target: null, confirm: true },
          share(80, 10),
          minute(60),
        )
      ).run,
    )
    const urgent = await run(db, '紧急,80% 按时确认,再 10% 被提醒后确认', { text, urgent: true, scope: 'subtree', target: null }, share(80, 10), minute(120))
    runs.push(urgent.run)
    runs.push((await run(db, '紧急,无人确认(最坏情况)', { text, urgent: true, scope: 'subtree', target: null }, () => 'never', minute(180))).run)
    // The status replies of the urgent notice (80 % + 10 % answered), read in the district's group.
    const who = { member: urgent.op.member, room: urgent.op.room }
    const w = { db: db.prisma, effects: new Effects(), now: minute(150) }
    const town = (await db.prisma.unit.findFirstOrThrow({ where: { kind: 'town' }, orderBy: { id: 'asc' } })).name
    const ask = async (label: string, q: Partial<StatusQuery>) => {
      const reply = renderNoticeStatus(await noticeStatus(w, who, { number: urgent.notice.number, unit: null, unacked: false, page: 1, ...q }))
      return { label, messages: 1, chars: reply.length, lines: reply.split('\n').length }
    }
    const status = [
      await ask(`#通知 状态 B${urgent.notice.number}`, {}),
      await ask(`#通知 状态 B${urgent.notice.number} ${town}`, { unit: town }),
      await ask(`#通知 状态 B${urgent.notice.number} 未确认`, { unacked: true }),
      await ask(`#通知 状态 B${urgent.notice.number} 未确认 第2页`, { unacked: true, page: 2 }),
    ]
    return { groups: spec.rooms.length - 1, accounts: spec.accounts.length, runs, status }
  } finally {
    await db.close()
  }
}

export function noticePostsSection(f: NoticePostsFigures): string {
  const rows = f.runs
    .map(
      (r) =>
        `| ${r.label} | ${r.acknowledgedAtSla} | ${r.notices} | ${r.plan} | ${r.summary} | ${r.reAt} | ${r.parents} | **${r.total}** | ${(r.total / r.groups).toFixed(2)} | ${r.longest} |`,
    )
    .join('\n')
  const status = f.status.map((s) => `| \`${s.label}\` | ${s.messages} | ${s.chars} | ${s.lines} |`).join('\n')
  const maxChars = Math.max(...f.status.map((s) => s.chars))
  return `## Notices: posts per notice and the status reply at district scale (issue #23)

Generated district: ${f.groups} groups besides the district's own (15 towns, 109 communities, 1,034 grids) on ${f.accounts}
bot accounts; a supervisor's notice from the district's group to the whole district. Counts, not timings: every post
the bot makes for one notice, the SLA step and the escalation step run when due on virtual time
(\`bench/notice-posts.bench.ts\`). Who answers is a fixed share of the groups (by id), before the SLA and after the
re-@. Before issue #23 every notice was chased: an unacknowledged group got a re-@ whatever the notice, and
\`#通知 状态 B1\` in the district group was 7 messages and 5,967 characters ("…另有 958 个群未列出").

| notice | groups acknowledged at the SLA | the notice | plan reply | sender's summary | re-@ (once per group) | parents' summaries | posts | per group | longest post besides the notice (chars) |
|---|---|---|---|---|---|---|---|---|---|
${rows}

A plain notice costs one post per group plus two to the sender, however few answer. A chased one adds one re-@ per
group still silent at the SLA and one summary per parent group with silent children (a community's group for its
grids, a town's for its communities; the district's group had the sender's summary), never one per child.

\`#通知 状态\` of the urgent notice (80 % + 10 % answered), read in the district's group:

| command | messages | characters | lines |
|---|---|---|---|
${status}

Target: one message of at most ~800 characters at any scale — ${maxChars <= 800 ? 'met' : '**not met**'} (longest ${maxChars}).
`
}
