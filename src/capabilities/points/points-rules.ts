// Pure rules of the points capability, table-tested in test/unit/points-rules.test.ts: reading a duration as
// people type it, the daily limit and the overlap flag, converting approved service into points by policy, who may
// approve whose hours, ranking periods on Asia/Shanghai calendar boundaries, and the redemption code's alphabet.
import { fromLocal, toLocal } from '../../core/local-time.ts'
import { isAtOrAbove, isSupervisorOver } from '../../kernel/org/authority.ts'
import type { Role } from '../../kernel/org/org.types.ts'
import type { PointsPolicy } from './points-policy.ts'
import { entry, group } from '../../core/match-group.ts'
import type { PeriodKind } from '../../kernel/time/periods.ts'
import { COUNT, HALF_DAY_WORDS, HALF_HOUR_WORDS, HOUR_WORDS, HOURS_AND_A_HALF, HUNDRED, MIN_WORDS, NUM, TEN, WHOLE_DAY_WORDS } from './points-words.texts.ts'

// ── Durations ───────────────────────────────────────────────────────────────────────────────────────────────────

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** "1.5", "12", "十二", "两", "二十" → the number; null when not one. */
export function readNumber(s: string): number | null {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s)
  if (!/^[零〇一二两俩三四五六七八九十百]+$/.test(s)) return null
  let total = 0
  let digit = 0
  for (const ch of s) {
    if (ch === TEN) {
      total += (digit || 1) * 10
      digit = 0
    } else if (ch === HUNDRED) {
      total += (digit || 1) * 100
      digit = 0
    } else digit = entry(DIGIT, ch)
  }
  return total + digit
}

/**
 * A duration of service as typed: 2小时, 1.5h, 一小时, 两个半小时, 90分钟, 1小时30分, 2h30m, 半小时, 半天
 * (= `halfDayHours`, a policy), 一天 (= two half days). Returns whole minutes, or null when it is not a duration.
 */
export function parseServiceDuration(raw: string, halfDayHours: number): number | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, '')
  if (!s) return null
  if (HALF_DAY_WORDS.includes(s)) return Math.round(halfDayHours * 60)
  if (WHOLE_DAY_WORDS.includes(s)) return Math.round(halfDayHours * 120)
  if (HALF_HOUR_WORDS.includes(s)) return 30
  let m = new RegExp(HOURS_AND_A_HALF[0]).exec(s) ?? new RegExp(HOURS_AND_A_HALF[1]).exec(s)
  if (m) {
    const h = readNumber(group(m, 1))
    return h === null ? null : Math.round(h * 60 + 30)
  }
  m = new RegExp(`^${NUM}${HOUR_WORDS}(?:${NUM}${MIN_WORDS}?)?$`).exec(s)
  if (m) {
    const h = readNumber(group(m, 1))
    const min = m[2] ? readNumber(m[2]) : 0
    return h === null || min === null ? null : Math.round(h * 60 + min)
  }
  m = new RegExp(`^${NUM}${MIN_WORDS}$`).exec(s)
  if (m) {
    const min = readNumber(group(m, 1))
    return min === null ? null : Math.round(min)
  }
  return null
}

/** "2小时", "1.5小时", "90分钟" → how a number of minutes is said back. */
export { formatMinutes } from '../../kernel/texts/duration.texts.ts'

// ── Limits and flags ────────────────────────────────────────────────────────────────────────────────────────────

export interface DayEntry {
  number: number
  activity: string
  minutes: number
  status: 'pending' | 'approved' | 'rejected'
}

/** Minutes over the daily limit if this entry were added to the person's other (not rejected) entries of the day; 0 when within it. */
export function overDailyLimit(sameDay: DayEntry[], minutes: number, maxHours: number): number {
  const logged = sameDay.filter((e) => e.status !== 'rejected').reduce((a, e) => a + e.minutes, 0)
  return Math.max(0, logged + minutes - Math.round(maxHours * 60))
}

/** The person's other (not rejected) entries of the day for the same activity: the new one is flagged to the approver. */
export function overlapsWith(sameDay: DayEntry[], activity: string): number[] {
  const key = normaliseActivity(activity)
  return sameDay.filter((e) => e.status !== 'rejected' && normaliseActivity(e.activity) === key).map((e) => e.number)
}

const normaliseActivity = (a: string) => a.replace(/[\s,，。.、]/g, '').toLowerCase()

// ── The service day ────────────────────────────────────────────────────────────────────────────────────────────

/** How far back service may be logged (补登), in days. */
export const MAX_BACKDATE_DAYS = 31

export type ServiceDay = { ok: true; day: Date } | { ok: false; problem: 'no-such-day' | 'future' | 'too-old' }

/**
 * A service day as typed before the duration: 今天, 昨天, 前天, 11月19日 / 11月19号 / 十一月十九日, 11/19, 11-19,
 * 2026-11-19. Returns the start of that local day, a problem (in the future, older than MAX_BACKDATE_DAYS, no such
 * date), or null when the word is not a day at all. A month after this one means last year's (in January, 12月30日).
 */
export function parseServiceDay(word: string, now: Date): ServiceDay | null {
  const w = word.trim().replace(/[,，。]+$/, '')
  const today = toLocal(now)
  const rel: Record<string, number> = { 今天: 0, 今日: 0, 昨天: 1, 昨日: 1, 前天: 2 }
  let y = today.year
  let m: number
  let d: number
  if (w in rel) {
    const at = fromLocal(today.year, today.month, today.day - entry(rel, w))
    return { ok: true, day: at }
  }
  // Understood, but not yet: only service already done is logged.
  if (/^(明天|明日|后天|大后天|下周.*|下个?月.*)$/.test(w)) return { ok: false, problem: 'future' }
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(w)
  const md = full ? null : (/^(\d{1,2}|[一二三四五六七八九十]+)月(\d{1,2}|[一二三四五六七八九十]+)[日号]$/.exec(w) ?? /^(\d{1,2})[/-](\d{1,2})$/.exec(w))
  if (full) {
    y = Number(full[1])
    m = Number(full[2])
    d = Number(full[3])
  } else if (md) {
    m = readNumber(group(md, 1)) ?? 0
    d = readNumber(group(md, 2)) ?? 0
    if (m > today.month) y -= 1
  } else return null
  if (m < 1 || m > 12 || d < 1 || d > 31 || toLocal(fromLocal(y, m, d)).day !== d) return { ok: false, problem: 'no-such-day' }
  const day = fromLocal(y, m, d)
  const start = fromLocal(today.year, today.month, today.day)
  if (day.getTime() > start.getTime()) return { ok: false, problem: 'future' }
  if (start.getTime() - day.getTime() > MAX_BACKDATE_DAYS * 86_400_000) return { ok: false, problem: 'too-old' }
  return { ok: true, day }
}

/**
 * When approved service is dated in the ledger: the service day, at the time it was logged when it was logged that
 * day, else at noon of that day (补登). Never the approval's time: the month it counts for is the service's.
 */
export function serviceTime(day: Date, loggedAt: Date): Date {
  const sameDay = loggedAt.getTime() >= day.getTime() && loggedAt.getTime() < day.getTime() + 86_400_000
  return sameDay ? loggedAt : new Date(day.getTime() + 12 * 3_600_000)
}

// ── Conversion ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The activity's multiplier: the first key of `activities` the activity's name contains (1 when none). */
export function multiplierFor(activity: string, activities: Record<string, number>): number {
  for (const [key, m] of Object.entries(activities)) if (activity.includes(key)) return m
  return 1
}

/** Approved service → points, in hundredths (1.5 h × 1 point/h × 1.5 = 225). */
export function serviceCenti(minutes: number, activity: string, policy: Pick<PointsPolicy, 'perHour' | 'activities'>): number {
  return Math.round((minutes / 60) * policy.perHour * multiplierFor(activity, policy.activities) * 100)
}

export type EarnSource = 'task' | 'hazard' | 'checkin' | 'volunteer' | 'resource' | 'project'
export const EARN_SOURCES: readonly EarnSource[] = ['task', 'hazard', 'checkin', 'volunteer', 'resource', 'project']

/** What one event of a source earns by policy, in hundredths (volunteer hours go through serviceCenti). */
export function eventCenti(source: Exclude<EarnSource, 'volunteer'>, policy: PointsPolicy): number {
  return Math.round(policy[source] * 100)
}

/**
 * The record an entry is about, as the exports show it (编号): a correction names the record it reversed (V1, T3 …),
 * so an auditor can tell what was taken back (issue #29); its own key (rev:<entry id>) means nothing to people.
 */
export function entryRef(e: { source: string; ref: string; reversedRef?: string | null }): string {
  if (e.source === 'correction' || e.ref.startsWith('rev:')) return e.reversedRef ?? ''
  return e.ref
}

// ── Balance and what is owed (待抵扣) ──────────────────────────────────────────────────────────────────────────

/**
 * A member's ledger sum read as people see it (issue #29): a balance never below zero, and what is owed (待抵扣) when
 * a correction took back points already spent. The ledger stays append-only and the stored balance is the sum of the
 * entries, so a sum of −2 is "余额 0, 待抵扣 2": later earnings pay the debt first by plain addition, and spending
 * (which needs sum ≥ cost) is refused until it is paid.
 */
export function splitBalance(sum: number): { balance: number; owed: number } {
  return { balance: Math.max(0, sum), owed: Math.max(0, -sum) }
}

/**
 * How an earning of `centi` (> 0) that left the ledger sum at `sumAfter` was used: first to pay what was owed, the
 * rest credited to the balance.
 */
export function applyEarning(sumAfter: number, centi: number): { paidOwed: number; credited: number; owedLeft: number } {
  const owedBefore = Math.max(0, -(sumAfter - centi))
  const paidOwed = Math.min(Math.max(0, centi), owedBefore)
  return { paidOwed, credited: Math.max(0, centi) - paidOwed, owedLeft: owedBefore - paidOwed }
}

/**
 * What a reversal of `centi` (> 0) taking the sum to `sumAfter` did: how much came off the balance, and how much of it
 * could not (the points were spent) and is now owed.
 */
export function applyReversal(sumAfter: number, centi: number): { fromBalance: number; owedAdded: number; owed: number } {
  const before = sumAfter + centi
  const fromBalance = Math.min(centi, Math.max(0, before))
  return { fromBalance, owedAdded: centi - fromBalance, owed: Math.max(0, -sumAfter) }
}

/**
 * What each entry (in ledger order) did to what its member owes, from each member's sum before the first (`opening`,
 * 0 when absent): an earning pays what is owed first, a reversal of spent points adds to it. For the exports, which
 * never show a negative balance: `sums` is each member's sum after the last entry (余额 / 待抵扣 by splitBalance).
 */
export function owedMoves(
  entries: { memberId: number; centi: number }[],
  opening: Map<number, number>,
): { moves: { paidOwed: number; owedAdded: number }[]; sums: Map<number, number> } {
  const sums = new Map(opening)
  const moves = entries.map((e) => {
    const after = (sums.get(e.memberId) ?? 0) + e.centi
    sums.set(e.memberId, after)
    if (e.centi > 0) return { paidOwed: applyEarning(after, e.centi).paidOwed, owedAdded: 0 }
    return { paidOwed: 0, owedAdded: e.centi < 0 ? applyReversal(after, -e.centi).owedAdded : 0 }
  })
  return { moves, sums }
}

/** 225 → "2.25", 300 → "3", −50 → "-0.5". */
export function formatPoints(centi: number): string {
  const s = (Math.abs(centi) / 100).toFixed(2).replace(/\.?0+$/, '')
  return centi < 0 ? `-${s}` : s
}

/** "5", "2.5" → hundredths; null when not a non-negative number with at most two decimals. */
export function toCenti(points: number): number {
  return Math.round(points * 100)
}

// ── Who may approve ─────────────────────────────────────────────────────────────────────────────────────────────

interface Person {
  id: number
  role: Role
  unitId: number
  unit: { path: string }
}

export type ApprovalRefusal = 'OWN_HOURS' | 'OWN_LOGGED' | 'NOT_SUPERVISOR' | 'OUTSIDE_SUBTREE' | 'FELLOW_SUPERVISOR'

/**
 * A supervisor (or admin) of the entry's unit or a unit above it may approve it; nobody approves their own hours —
 * and whoever logged an entry (for someone else too) counts as its owner; cadres and volunteers approve nothing; a
 * supervisor of a sibling subtree is outside.
 */
const isStrictlyBelow = (unit: { path: string }, upper: { path: string }) => unit.path !== upper.path && unit.path.startsWith(upper.path)

export function mayApprove(
  actor: Person,
  entry: { memberId: number; loggedById?: number; unit: { path: string }; person?: { role: string; unit: { path: string } } },
): { ok: true } | { ok: false; code: ApprovalRefusal } {
  if (entry.memberId === actor.id) return { ok: false, code: 'OWN_HOURS' }
  if (actor.role !== 'supervisor' && actor.role !== 'admin') return { ok: false, code: 'NOT_SUPERVISOR' }
  if (entry.loggedById === actor.id) return { ok: false, code: 'OWN_LOGGED' }
  if (!isSupervisorOver(actor, entry.unit)) return { ok: false, code: 'OUTSIDE_SUBTREE' }
  // A supervisor's hours go to a supervisor of a unit above theirs, as grades do: fellows do not approve each other.
  if (entry.person && (entry.person.role === 'supervisor' || entry.person.role === 'admin') && !isStrictlyBelow(entry.person.unit, actor.unit))
    return { ok: false, code: 'FELLOW_SUPERVISOR' }
  return { ok: true }
}

/**
 * #志愿 … @someone: the people named must be of the group's unit or below, or members of the group (the org file's
 * `rooms` for them) — not anyone in the district who happens to share a name.
 */
export function mayLogFor(room: { topic: string; unit: { path: string } }, person: { unit: { path: string } }): boolean {
  return person.unit.path.startsWith(room.unit.path) || memberOfRoom(room, person)
}

/** A member the org file lists in this group (its topic). */
export const memberOfRoom = (room: { topic: string }, person: object): boolean => ((person as { roomTopics?: string[] }).roomTopics ?? []).includes(room.topic)

/** #核销: a supervisor over the item's unit, or the member the catalogue names as the item's provider. */
export function mayCheckOff(actor: Person & { wxid: string }, item: { unit: { path: string }; providerWxid: string | null }): boolean {
  return (item.providerWxid !== null && item.providerWxid === actor.wxid) || isSupervisorOver(actor, item.unit)
}

/** Members may redeem what their own unit or a unit above it offers. */
export const mayRedeemFrom = (member: { unit: { path: string } }, itemUnit: { path: string }) => isAtOrAbove(itemUnit, member.unit)

// ── Periods (Asia/Shanghai) ─────────────────────────────────────────────────────────────────────────────────────

export type { PeriodKind }
export const PERIOD_WORDS: Record<string, PeriodKind> = {
  本月: 'month',
  月: 'month',
  本季: 'quarter',
  本季度: 'quarter',
  季度: 'quarter',
  本年: 'year',
  今年: 'year',
  年度: 'year',
}

export { monthKey, monthPeriod, periodOf, type Period } from '../../kernel/time/periods.ts'

// ── Which item ──────────────────────────────────────────────────────────────────────────────────────────────────

const TRAILING_PUNCT = /[\s。.,，、!！?？~～;；:：…]+$/

export type ItemPick<I> =
  | { kind: 'item'; item: I }
  | { kind: 'none'; name: string }
  | { kind: 'ambiguous'; name: string; names: string[] }
  /** A count other than one ("理发券 2张", "两份微心愿"): one redemption is one item. */
  | { kind: 'count'; name: string }

/**
 * The item a member typed (items nearest unit first): trailing punctuation dropped ("理发券。"), a count of one
 * accepted ("理发券 1张"), any other count refused; the exact name first, else the one item whose name contains what
 * was typed — several such names are asked back, never guessed.
 */
export function pickItem<I extends { name: string }>(items: I[], typed: string): ItemPick<I> {
  let name = typed.replace(TRAILING_PUNCT, '').trim()
  const whole = items.find((i) => i.name === name)
  if (whole) return { kind: 'item', item: whole }
  const after = new RegExp(`^(.+?)\\s*[x×*]?\\s*${COUNT}$`, 'i').exec(name)
  const before = after ? null : new RegExp(`^${COUNT}\\s*(.+)$`).exec(name)
  const count = after?.[2] ?? before?.[1]
  if (count !== undefined) {
    name = (after?.[1] ?? before?.[2] ?? '').replace(TRAILING_PUNCT, '').trim()
    if (readNumber(count) !== 1) return { kind: 'count', name }
  }
  const exact = items.find((i) => i.name === name)
  if (exact) return { kind: 'item', item: exact }
  const partial = name ? items.filter((i) => i.name.includes(name)) : []
  const names = [...new Set(partial.map((i) => i.name))]
  const [only] = partial
  if (names.length === 1 && only) return { kind: 'item', item: only }
  if (names.length > 1) return { kind: 'ambiguous', name, names }
  return { kind: 'none', name }
}

/** At most this many units of a currency in one redemption. */
export const MAX_CURRENCY_AMOUNT = 100_000

/**
 * "泽古 4", "4 泽古", "泽古4", "泽古" (no amount: null) for a currency item — exact name — or null when the words
 * name no currency (the items' own rules apply). An amount that is not a plain positive integer (0, -3, 1e9, 2.5)
 * is read as NaN for the caller to refuse.
 */
export function pickCurrency<I extends { name: string; currency: boolean }>(items: I[], typed: string): { item: I; amount: number | null } | null {
  const text = typed
    .replace(TRAILING_PUNCT, '')
    .trim()
    .replace(/\s*(个|枚)$/, '')
  for (const item of items.filter((i) => i.currency)) {
    if (text === item.name) return { item, amount: null }
    const esc = item.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const m = new RegExp(`^${esc}\\s*[x×*]?\\s*(\\S+)$`).exec(text) ?? new RegExp(`^(\\S+?)\\s*${esc}$`).exec(text)
    if (m) return { item, amount: /^\d{1,9}$/.test(group(m, 1)) ? Number(m[1]) : Number.NaN }
  }
  return null
}

// ── Redemption codes ────────────────────────────────────────────────────────────────────────────────────────────

/** No 0/O, 1/I/L: read aloud and typed back on a phone without mistakes. 31^6 ≈ 887 million codes. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CODE_LENGTH = 6

/** A code from random integers (crypto in the service): `rand(n)` returns 0 … n-1. */
export function makeCode(rand: (n: number) => number): string {
  let s = ''
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[rand(CODE_ALPHABET.length)]
  return s
}

/** What a person typed back: case, spaces and the look-alikes they may have typed (o→0 is not in the alphabet). */
export function normaliseCode(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[。.，,!！]+$/, '')
}
