// Dates typed on the command line (`gridbot export … --since 2026-11-01 --month 2026-11`), checked the way the chat
// commands check theirs (issue #29): a day that is not on the calendar (2026-02-30, 2026-13-45) or a period that has
// not begun is refused with the reason, instead of rolling over into another day or writing an empty file.
import { cliDateTexts as t } from './cli-dates.texts.ts'
import { daysInMonth, fromLocal, toLocal } from './local-time.ts'

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string }

/** "2026-11-01" → the start of that day in China time, if it is a real day and not after `now`'s day. */
export function checkDay(text: string, now: Date): Checked<Date> {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim())
  if (!m) return { ok: false, message: t.dayFormat(text) }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12) return { ok: false, message: t.noSuchMonth(month, text, '2026-11-01') }
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, message: t.noSuchDay(year, month, day, daysInMonth(year, month), text) }
  const at = fromLocal(year, month, day)
  const today = toLocal(now)
  if (at.getTime() > fromLocal(today.year, today.month, today.day).getTime()) return { ok: false, message: t.dayToCome(text) }
  return { ok: true, value: at }
}

/** "2026-11" → itself, if it is a real month that has begun by `now` (China time). */
export function checkMonth(text: string, now: Date): Checked<string> {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim())
  if (!m) return { ok: false, message: t.monthFormat(text) }
  const [year, month] = [Number(m[1]), Number(m[2])]
  if (month < 1 || month > 12) return { ok: false, message: t.noSuchMonth(month, text, '2026-11') }
  const today = toLocal(now)
  if (year * 12 + month > today.year * 12 + today.month) return { ok: false, message: t.monthToCome(year, month) }
  return { ok: true, value: text.trim() }
}
