// When a scheduled notice goes out, in the words cadres use: 每月9日9点, 每周一上午8点, 每天18点, 工作日8点半 (recurring: a
// 5-field cron expression, evaluated in Asia/Shanghai), or one time as the deadline parser reads it (明天8点,
// 11月30日上午9点). Pure; table-tested in test/unit/notice-schedule.test.ts.
import { parseDeadline } from './deadline.ts'
import { chineseNumber } from './deadline.ts'
import { normalise } from './normalise.ts'
import { group } from '../core/match-group.ts'

export type ScheduleResult =
  | { ok: true; kind: 'cron'; cron: string; phrase: string }
  | { ok: true; kind: 'once'; at: Date; phrase: string }
  | { ok: false; problem: string }

export const SCHEDULE_EXAMPLES = '每月9日9点、每周一上午8点、每天18点、工作日8点半、明天8点'

const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 0 }
const PM = new Set(['下午', '傍晚', '晚上', '晚'])

/** "上午9点", "18点", "8点半", "9:30", "下午3点15分" → hour and minute, or a problem. */
export function parseClock(s: string): { ok: true; hour: number; minute: number } | { ok: false; problem: string } {
  const m =
    /^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|早|晚)?([0-9零〇一二两三四五六七八九十]{1,3})(?:[点时:](半|一刻|三刻|[0-9零〇一二两三四五六七八九十]{1,3})?分?|点钟)$/.exec(
      s,
    )
  if (!m) return { ok: false, problem: `请写明几点,例如:${SCHEDULE_EXAMPLES}` }
  const period = m[1] ?? null
  let hour = chineseNumber(group(m, 2))
  const minute = m[3] === '半' ? 30 : m[3] === '一刻' ? 15 : m[3] === '三刻' ? 45 : m[3] ? chineseNumber(m[3]) : 0
  if (hour === null || minute === null || hour > 23 || minute > 59) return { ok: false, problem: `看不懂时间「${s}」,例如:${SCHEDULE_EXAMPLES}` }
  if (period && PM.has(period) && hour < 12) hour += 12
  else if (period === '中午' && hour <= 2) hour += 12
  else if (!period && hour >= 1 && hour <= 6) return { ok: false, problem: `「${s}」是上午还是下午?请写:下午${hour}点 或 上午${hour}点` }
  return { ok: true, hour, minute }
}

/** A schedule phrase (one word, as typed after 定时) read against `now` (for one-time schedules). */
export function parseSchedule(raw: string, now: Date): ScheduleResult {
  const phrase = normalise(raw).replace(/\s+/g, '')
  if (!phrase) return { ok: false, problem: `请写明发送时间,例如:${SCHEDULE_EXAMPLES}` }
  const recurring = /^(每月|每个月)(.+?)[日号](.+)$/.exec(phrase)
  if (recurring) {
    const day = chineseNumber(group(recurring, 2))
    if (day === null || day < 1 || day > 31) return { ok: false, problem: `每月几号?「${recurring[2]}」不是 1–31 的日子` }
    if (day > 28) return { ok: false, problem: `每月${day}日不是每个月都有,请写 1–28 日(月底请写 每月28日)` }
    return withClock(group(recurring, 3), (h, m) => `${m} ${h} ${day} * *`, phrase)
  }
  const weekly = /^(?:每周|每星期|每礼拜)([一二三四五六日天1-7])(.+)$/.exec(phrase)
  if (weekly) return withClock(group(weekly, 2), (h, m) => `${m} ${h} * * ${WEEKDAY[group(weekly, 1)]}`, phrase)
  const daily = /^(每天|每日|天天|工作日|每个工作日)(.+)$/.exec(phrase)
  if (daily) {
    const dow = group(daily, 1).includes('工作日') ? '1-5' : '*'
    return withClock(group(daily, 2), (h, m) => `${m} ${h} * * ${dow}`, phrase)
  }
  if (/^每/.test(phrase)) return { ok: false, problem: `看不懂「${raw}」,例如:${SCHEDULE_EXAMPLES}` }
  const once = parseDeadline(phrase, now)
  if (!once.ok) return { ok: false, problem: once.problem.replace(/截止时间/g, '发送时间') }
  return { ok: true, kind: 'once', at: once.at, phrase }
}

function withClock(clock: string, cron: (hour: number, minute: number) => string, phrase: string): ScheduleResult {
  const c = parseClock(clock)
  if (!c.ok) return c
  return { ok: true, kind: 'cron', cron: cron(c.hour, c.minute), phrase }
}
