// Wall-clock fields in China time (UTC+8, no daylight saving) and back, independent of the machine's zone.
import { TZ_OFFSET_MS } from './time.ts'

export interface LocalFields {
  year: number
  month: number // 1-12
  day: number
  hour: number
  minute: number
  /** 1 = Monday … 7 = Sunday */
  weekday: number
}

export function toLocal(at: Date): LocalFields {
  const l = new Date(at.getTime() + TZ_OFFSET_MS)
  return {
    year: l.getUTCFullYear(),
    month: l.getUTCMonth() + 1,
    day: l.getUTCDate(),
    hour: l.getUTCHours(),
    minute: l.getUTCMinutes(),
    weekday: l.getUTCDay() === 0 ? 7 : l.getUTCDay(),
  }
}

/** The instant of a local wall-clock time; out-of-range fields roll over (day 32 → next month). */
export function fromLocal(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - TZ_OFFSET_MS)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** ISO 8601 in China time with its offset ("2026-11-20T09:00:00+08:00"), as city platforms expect. */
export function isoLocal(at: Date): string {
  return `${new Date(at.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}
