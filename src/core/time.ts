// Calendar arithmetic in the users' time zone (Asia/Shanghai, UTC+8, no daylight saving), independent of the
// machine's zone: servers and CI run in UTC, cadres live in China.
import { timeTexts } from './time.texts.ts'
export const TZ_OFFSET_MS = 8 * 3600_000

/** Start of the local (UTC+8) day containing `at`. */
export function startOfLocalDay(at: Date): Date {
  const local = at.getTime() + TZ_OFFSET_MS
  return new Date(local - (((local % 86_400_000) + 86_400_000) % 86_400_000) - TZ_OFFSET_MS)
}

export function startOfLocalMonth(at: Date): Date {
  const l = new Date(at.getTime() + TZ_OFFSET_MS)
  return new Date(Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), 1) - TZ_OFFSET_MS)
}

/** "11月22日 09:05" in local time. */
export function formatLocal(at: Date, withDate = true): string {
  const l = new Date(at.getTime() + TZ_OFFSET_MS)
  const hm = `${String(l.getUTCHours()).padStart(2, '0')}:${String(l.getUTCMinutes()).padStart(2, '0')}`
  return withDate ? timeTexts.monthDay(l.getUTCMonth() + 1, l.getUTCDate(), hm) : hm
}

const DURATION_UNIT = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** "5s", "11m", "2h", "1d", "5h59m" → milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase()
  if (!/^(\d+(?:\.\d+)?\s*(ms|s|m|h|d)\s*)+$/.test(s)) return null
  let total = 0
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)) total += Number(m[1]) * DURATION_UNIT[m[2] as 'ms']
  return Math.round(total)
}
