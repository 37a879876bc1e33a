// Digests (日报 · 周报 · 月报), pure: which period a word names, which child a subtree unit folds into, and the text
// (problems first, then the period). Table-tested in test/unit/digest-rules.test.ts.
import { entry } from '../../core/match-group.ts'
import { fromLocal, toLocal } from '../../core/local-time.ts'
import { DEFAULT_CHECKIN_KINDS, kindLabel } from '../../kernel/texts/checkin-kinds.texts.ts'
import { parsePeriod } from '../../parser/period.ts'
import { funnelLine } from '../../kernel/lists/funnel.texts.ts'
import { digestTexts as t } from './digest.texts.ts'
import type { DigestChild, DigestCounts, DigestKind, DigestPeriod } from './digest.types.ts'

const DAY_MS = 86_400_000
/** How many record numbers a problem line shows per unit before "…". */
const IDS_SHOWN = 5

const localDay = (at: Date) => {
  const l = toLocal(at)
  return fromLocal(l.year, l.month, l.day)
}
const dayName = (at: Date) => {
  const l = toLocal(at)
  return t.dayLabel(l.month, l.day)
}

/** The local day starting at `from` (any instant in it). */
export function dayPeriod(at: Date): DigestPeriod {
  const from = localDay(at)
  return { kind: 'daily', from, to: new Date(from.getTime() + DAY_MS), label: dayName(from) }
}

/** The Monday-to-Sunday week containing `at` (China calendar). */
export function weekPeriod(at: Date): DigestPeriod {
  const l = toLocal(at)
  const from = fromLocal(l.year, l.month, l.day - (l.weekday - 1))
  const to = new Date(from.getTime() + 7 * DAY_MS)
  return { kind: 'weekly', from, to, label: t.rangeLabel(dayName(from), dayName(new Date(to.getTime() - DAY_MS))) }
}

export function monthDigestPeriod(at: Date): DigestPeriod {
  const l = toLocal(at)
  return { kind: 'monthly', from: fromLocal(l.year, l.month, 1), to: fromLocal(l.year, l.month + 1, 1), label: t.monthLabel(l.year, l.month) }
}

/** The period a scheduled digest of this kind, fired at `at`, reports: the day, week or month before. */
export function previousPeriod(kind: DigestKind, at: Date): DigestPeriod {
  if (kind === 'daily') return dayPeriod(new Date(localDay(at).getTime() - DAY_MS))
  if (kind === 'weekly') return weekPeriod(new Date(weekPeriod(at).from.getTime() - DAY_MS))
  return monthDigestPeriod(new Date(monthDigestPeriod(at).from.getTime() - DAY_MS))
}

export type PeriodWord = { ok: true; period: DigestPeriod } | { ok: false; problem: string }

/**
 * The period of #日报 [昨天|今天|前天|11月20日|11/20] (default 昨天), #周报 [上周|本周] (default 上周),
 * #月报 [上月|本月|11月] (default 上月), relative to `now`. A day in the future is refused.
 */
export function digestPeriodOf(kind: DigestKind, word: string | undefined, now: Date): PeriodWord {
  const w = (word ?? '').trim()
  if (kind === 'daily') {
    const today = localDay(now)
    const back: Record<string, number> = { '': 1, 昨天: 1, 昨日: 1, 今天: 0, 今日: 0, 前天: 2 }
    if (w in back) return { ok: true, period: dayPeriod(new Date(today.getTime() - entry(back, w) * DAY_MS)) }
    if (/^(明天|明日|后天|大后天)$/.test(w)) return { ok: false, problem: t.future }
    const m = /^(?:(\d{4})[-年/])?(\d{1,2})[月/-](\d{1,2})[日号]?$/.exec(w)
    if (!m) return { ok: false, problem: t.badDay(w) }
    const l = toLocal(now)
    const month = Number(m[2])
    const dayN = Number(m[3])
    if (month < 1 || month > 12 || dayN < 1 || dayN > 31) return { ok: false, problem: t.badDay(w) }
    const year = m[1] ? Number(m[1]) : month > l.month || (month === l.month && dayN > l.day) ? l.year - 1 : l.year
    const from = fromLocal(year, month, dayN)
    if (toLocal(from).day !== dayN) return { ok: false, problem: t.badDay(w) }
    if (from.getTime() > today.getTime()) return { ok: false, problem: t.future }
    return { ok: true, period: dayPeriod(from) }
  }
  if (kind === 'weekly') {
    if (t.lastWeekWords.includes(w)) return { ok: true, period: previousPeriod('weekly', now) }
    if (t.thisWeekWords.includes(w)) return { ok: true, period: weekPeriod(now) }
    return { ok: false, problem: t.badWeek(w) }
  }
  if (t.lastMonthWords.includes(w)) return { ok: true, period: previousPeriod('monthly', now) }
  const p = parsePeriod(w, now)
  if (p?.kind !== 'month') return { ok: false, problem: t.badMonth(w) }
  return { ok: true, period: monthDigestPeriod(p.from) }
}

/**
 * Which direct child of the root a unit of the root's subtree folds into: the id in its materialized path right
 * after the root's ("/1/4/17/" under "/1/" → 4); null for the root itself.
 */
export function childOf(rootPath: string, unitPath: string): number | null {
  if (!unitPath.startsWith(rootPath) || unitPath === rootPath) return null
  const next = unitPath.slice(rootPath.length).split('/').find(Boolean)
  return next === undefined ? null : Number(next)
}

export function emptyChild(name: string, isGrid: boolean): DigestChild {
  return { name, isGrid, silentGrids: 0, overdueTasks: [], unackedNotices: 0, oldHazards: [], pendingHours: 0, checkins: 0 }
}

const ids = (prefix: string, ns: number[]) => {
  const sorted = [...ns].sort((a, b) => a - b)
  const shown = sorted.slice(0, IDS_SHOWN).map((n) => `${prefix}${n}`)
  return `(${shown.join('、')}${sorted.length > IDS_SHOWN ? '…' : ''})`
}

function problemLines(units: DigestChild[]): string[] {
  const line = (label: string, parts: string[]) => (parts.length ? [`· ${label}:${parts.join(';')}`] : [])
  return [
    ...line(
      t.silent,
      units.filter((u) => u.silentGrids > 0).map((u) => (u.isGrid ? u.name : `${u.name} ${t.gridCount(u.silentGrids)}`)),
    ),
    ...line(
      t.overdue,
      units.filter((u) => u.overdueTasks.length).map((u) => `${u.name} ${t.pieces(u.overdueTasks.length)}${ids('T', u.overdueTasks)}`),
    ),
    ...line(
      t.unacked,
      units.filter((u) => u.unackedNotices > 0).map((u) => `${u.name} ${t.rooms(u.unackedNotices)}`),
    ),
    ...line(
      t.oldHazards,
      units.filter((u) => u.oldHazards.length).map((u) => `${u.name} ${t.pieces(u.oldHazards.length)}${ids('H', u.oldHazards)}`),
    ),
    ...line(
      t.pendingHours,
      units.filter((u) => u.pendingHours > 0).map((u) => `${u.name} ${t.entries(u.pendingHours)}`),
    ),
  ]
}

const hoursText = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10)

/** The digest as one message: short enough for a phone; child units named, grandchildren only counted. */
export function digestText(c: DigestCounts): string {
  const units = [...c.children, { ...c.own, name: t.own }]
  const problems = problemLines(units)
  const total = Object.values(c.checkinsByType).reduce((s, n) => s + n, 0)
  // The district's kinds in its order (policy checkinKinds), then any kind it no longer lists.
  const listed = (c.checkinKinds ?? DEFAULT_CHECKIN_KINDS).map((k) => k.code)
  const byType = [...new Set([...listed, ...Object.keys(c.checkinsByType)])]
    .filter((k) => (c.checkinsByType[k] ?? 0) > 0)
    .map((k) => `${kindLabel(k, c.checkinKinds)} ${c.checkinsByType[k]}`)
    .join('、')
  const perChild = c.children.length ? [t.perChild(c.children.map((u) => `${u.name} ${u.checkins}`).join('、'))] : []
  const pct = c.notices.deliveries ? `${Math.round((c.notices.onTime / c.notices.deliveries) * 100)}%` : '—'
  return [
    t.head(c.period.kind, c.unitName, c.period.label, c.late),
    ...(problems.length ? [t.problemsHead, ...problems] : [t.noProblems]),
    t.dayHead(c.period.kind),
    t.checkins(total, byType, c.households),
    ...perChild,
    t.tasks(c.tasks.opened, c.tasks.claimed, c.tasks.done),
    t.hazards(c.hazards.reported, c.hazards.resolved),
    t.hours(hoursText(c.hours.approvedMinutes), c.hours.approvedEntries),
    ...(c.activities?.held ? [t.activities(c.activities)] : []),
    t.notices(c.notices.sent, c.notices.rooms, c.notices.deliveries, c.notices.onTime, pct),
    t.funnel(funnelLine(c.funnel)),
  ].join('\n')
}
