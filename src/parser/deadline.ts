// Chinese deadlines as cadres type them — 今天18点, 明天下午3点, 周五, 下周一上午, 3天内, 11月30日, 2小时后 —
// computed in China time whatever the server's zone. Anything ambiguous or already past is a question back,
// never a guess: the reply repeats what was understood so a misreading is visible.
import { normalise } from './normalise.ts'
import { daysInMonth, fromLocal, toLocal } from '../core/local-time.ts'
import { entry, group } from '../core/match-group.ts'

export type DeadlineResult = { ok: true; at: Date } | { ok: false; problem: string }

const EXAMPLES = '例如:今天18点、明天下午3点、周五、下周一上午、11月30日、2小时后'
const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 十 → 10, 二十三 → 23, 十二 → 12, 两 → 2. */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s)
  if (/^[零〇一二两三四五六七八九]+$/.test(s)) return s.length === 1 ? entry(DIGIT, s) : Number([...s].map((c) => DIGIT[c]).join(''))
  // One 十 with at most one digit either side; 十十 or 二二十 is a typo to ask about, not a number to guess.
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s)
  return m ? (m[1] ? entry(DIGIT, m[1]) : 1) * 10 + (m[2] ? entry(DIGIT, m[2]) : 0) : null
}

function arabic(s: string): string {
  return s.replace(/[零〇一二两三四五六七八九十]+(?=[点时:分天日号月周个小]|$)/g, (m) => String(chineseNumber(m) ?? m))
}

const PERIOD_END: Record<string, number> = { 凌晨: 6, 早上: 9, 早晨: 9, 早: 9, 上午: 12, 中午: 13, 下午: 18, 傍晚: 19, 晚上: 22, 晚: 22, 夜里: 23 }
const PM = new Set(['下午', '傍晚', '晚上', '晚', '夜里'])
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 }
const DEFAULT_HOUR = 18 // a date alone means the end of that working day

const RELATIVE = /^(\d+)(分钟|个小时|小时|个钟头|天|个星期|星期|周)(后|之后|以后|内|之内|以内)$/
const UNIT_MS: Record<string, number> = {
  分钟: 60_000,
  个小时: 3_600_000,
  小时: 3_600_000,
  个钟头: 3_600_000,
  天: 86_400_000,
  个星期: 604_800_000,
  星期: 604_800_000,
  周: 604_800_000,
}

/** A deadline may be at most this far ahead (a leap year); relative counts are bounded by it before any arithmetic. */
const MAX_AHEAD_MS = 366 * 86_400_000

export function parseDeadline(input: string, now: Date): DeadlineResult {
  const raw = input.trim()
  const s = arabic(
    normalise(raw)
      .replace(/\s+/g, '')
      .replace(/^(截止|截至|到|于|在)/, '')
      .replace(/(前|之前|以前)$/, ''),
  )
  if (!s) return { ok: false, problem: `请写明截止时间,${EXAMPLES}` }
  const unknown = (): DeadlineResult => ({ ok: false, problem: `看不懂截止时间「${raw}」,${EXAMPLES}` })

  const rel = RELATIVE.exec(s)
  if (rel) {
    // Bound the count before multiplying: 9999999999天 is past the largest Date, and an invalid Date is
    // neither "past" nor "over a year" to the checks in future(), so it would reach the database.
    const n = Number(rel[1])
    const unitMs = entry(UNIT_MS, group(rel, 2))
    if (n <= 0) return unknown()
    if (n > Math.floor(MAX_AHEAD_MS / unitMs)) return tooFar(raw)
    return future(new Date(now.getTime() + n * unitMs), now, raw)
  }

  const today = toLocal(now)
  const cur = cursor(s)
  const day = parseDay(cur, today, raw)
  if ('problem' in day) return day
  const time = parseTimeOfDay(cur, raw)
  if (time && 'problem' in time) return time
  if (cur.rest) return unknown()
  if (!day.date && time === null) return unknown()
  return dayAndTime(day, time, today, now, raw)
}

type Ymd = { year: number; month: number; day: number }
type Refusal = { ok: false; problem: string }
/** What is left of the text, and `take`: the match of `re` at its start, consumed. */
type Cursor = { rest: string; take(re: RegExp): RegExpExecArray | null }
type Day = { date: Ymd | null; explicitYear: boolean; dayWord: boolean }

function cursor(s: string): Cursor {
  const cur: Cursor = {
    rest: s,
    take: (re) => {
      const m = re.exec(cur.rest)
      if (m) cur.rest = cur.rest.slice(m[0].length)
      return m
    },
  }
  return cur
}

/** The day the text starts with (a date, 明天, 下周三, 月底), or none; a refusal when it names one that cannot be. */
function parseDay(cur: Cursor, today: ReturnType<typeof toLocal>, raw: string): Day | Refusal {
  const none: Day = { date: null, explicitYear: false, dayWord: false }
  let m: RegExpExecArray | null
  if ((m = cur.take(/^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})[日号]?/)))
    return { ...none, date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, explicitYear: true }
  if ((m = cur.take(/^(\d{1,2})(?:月|\/)(\d{1,2})[日号]?/))) return { ...none, date: { year: today.year, month: Number(m[1]), day: Number(m[2]) } }
  if ((m = cur.take(/^(\d{1,2})[日号]/))) {
    if (Number(m[1]) < today.day)
      return { ok: false, problem: `「${raw}」是本月${m[1]}日(已过)还是下个月?请写上月份,例如:${today.month === 12 ? 1 : today.month + 1}月${m[1]}日` }
    return { ...none, date: { year: today.year, month: today.month, day: Number(m[1]) } }
  }
  if ((m = cur.take(/^(今天|今日|今晚|今早|明天|明日|明晚|明早|后天|大后天)/))) {
    const offset = { 今: 0, 明: 1, 后: 2, 大: 3 }[group(m, 1)[0] as '今']
    if (/晚$/.test(group(m, 1))) cur.rest = `晚上${cur.rest}`
    if (/早$/.test(group(m, 1))) cur.rest = `早上${cur.rest}`
    return { ...none, date: shift(today, offset), dayWord: true }
  }
  if (cur.take(/^(昨天|昨日|昨晚|昨早|前天|大前天)/)) {
    // Understood, and in the past: say so rather than "看不懂".
    return { ok: false, problem: `截止时间「${raw}」已经过去了,请写一个将来的时间,${EXAMPLES}` }
  }
  if ((m = cur.take(/^(下下|下个|下|本|这个|这)?(?:周|星期|礼拜)([一二三四五六日天1-7])/))) {
    const target = entry(WEEKDAY, group(m, 2))
    const prefix = m[1] ?? ''
    const weeks = prefix.startsWith('下下') ? 2 : prefix.startsWith('下') ? 1 : 0
    let offset = target - today.weekday + weeks * 7
    if (!prefix && offset < 0) offset += 7 // a bare weekday means the coming one
    const label = '一二三四五六日'[target - 1]
    if (offset < 0) return { ok: false, problem: `本周${label}已经过去了,是指下周${label}吗?请写:下周${label}` }
    return { ...none, date: shift(today, offset), dayWord: true }
  }
  if (cur.take(/^月底/)) return { ...none, date: { year: today.year, month: today.month, day: daysInMonth(today.year, today.month) }, dayWord: true }
  return none
}

/** The time of day that follows (下午3点, 8:30, 晚上), or null; a refusal when it cannot be, or could be either half. */
function parseTimeOfDay(cur: Cursor, raw: string): { hour: number; minute: number } | Refusal | null {
  const period = cur.take(/^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|早|晚)/)?.[1] ?? null
  const m = cur.take(/^(\d{1,2})(?:[点时:](\d{1,2}|半|一刻|三刻)?分?|点钟)/)
  if (!m) return period ? { hour: entry(PERIOD_END, period), minute: 0 } : null
  let hour = Number(m[1])
  const minute = m[2] === '半' ? 30 : m[2] === '一刻' ? 15 : m[2] === '三刻' ? 45 : m[2] ? Number(m[2]) : 0
  if (hour > 24 || minute > 59) return { ok: false, problem: `看不懂截止时间「${raw}」,${EXAMPLES}` }
  if (period && PM.has(period) && hour < 12) hour += 12
  else if ((period === '晚上' || period === '晚' || period === '夜里') && hour === 12)
    hour = 24 // midnight ending that day
  else if (period === '中午' && hour <= 2) hour += 12
  else if (!period && hour >= 1 && hour <= 6 && hour !== 0) {
    return { ok: false, problem: `「${raw}」是上午还是下午?请写:下午${hour}点 或 上午${hour}点` }
  }
  return { hour, minute }
}

/** The day and time as an instant: a day that does not exist, or has passed, is refused. */
function dayAndTime(day: Day, time: { hour: number; minute: number } | null, today: ReturnType<typeof toLocal>, now: Date, raw: string): DeadlineResult {
  // A time alone: today's, or a question when it has passed.
  const date = day.date ?? { year: today.year, month: today.month, day: today.day }
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
    return { ok: false, problem: `没有这一天:「${raw}」` }
  }
  const at = fromLocal(date.year, date.month, date.day, time?.hour ?? DEFAULT_HOUR, time?.minute ?? 0)
  if (at.getTime() <= now.getTime()) {
    if (!day.explicitYear && !day.dayWord && date.month < today.month) {
      return { ok: false, problem: `${date.month}月${date.day}日今年已经过了,是指明年吗?请写:${date.year + 1}年${date.month}月${date.day}日` }
    }
    return { ok: false, problem: `截止时间「${raw}」已经过去了,请写一个将来的时间,${EXAMPLES}` }
  }
  return future(at, now, raw)
}

function shift(d: Ymd, days: number) {
  const t = toLocal(fromLocal(d.year, d.month, d.day + days, 12))
  return { year: t.year, month: t.month, day: t.day }
}

const tooFar = (raw: string): DeadlineResult => ({ ok: false, problem: `截止时间「${raw}」超过一年,请确认后重写` })

function future(at: Date, now: Date, raw: string): DeadlineResult {
  // Last line of defence: no path may hand an invalid Date to the caller.
  if (!Number.isFinite(at.getTime())) return tooFar(raw)
  if (at.getTime() <= now.getTime()) return { ok: false, problem: `截止时间「${raw}」已经过去了,请写一个将来的时间,${EXAMPLES}` }
  if (at.getTime() - now.getTime() > MAX_AHEAD_MS) return tooFar(raw)
  return { ok: true, at }
}
