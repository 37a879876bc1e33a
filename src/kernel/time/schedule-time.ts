// The next occurrence of a recurring notice: its cron expression evaluated by the `cron` package in Asia/Shanghai,
// from a time we give it (the injected clock: virtual in the simulator), never from the process's own clock or zone.
import { CronTime } from 'cron'

export const SCHEDULE_ZONE = 'Asia/Shanghai'

/** The first occurrence strictly after `after`, or null for an expression that never fires / is invalid. */
export function nextOccurrence(cron: string, after: Date): Date | null {
  try {
    const next = new CronTime(cron, SCHEDULE_ZONE).getNextDateFrom(after, SCHEDULE_ZONE).toJSDate()
    return Number.isFinite(next.getTime()) && next.getTime() > after.getTime() ? next : null
  } catch {
    return null
  }
}

/** The next `n` occurrences after `after` (tests and lists). */
export function nextOccurrences(cron: string, after: Date, n: number): Date[] {
  const out: Date[] = []
  let at: Date | null = after
  while (out.length < n && at) {
    at = nextOccurrence(cron, at)
    if (at) out.push(at)
  }
  return out
}

/**
 * After an occurrence at `occurrence` went out at `now` (late after downtime, perhaps): the next one still ahead.
 * Occurrences missed while the bot was down are not sent one after another: only the latest goes out, late.
 */
export function followingOccurrence(cron: string | null, occurrence: Date, now: Date): Date | null {
  if (!cron) return null
  return nextOccurrence(cron, new Date(Math.max(occurrence.getTime(), now.getTime())))
}
