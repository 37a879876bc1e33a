// Quiet hours: normal-priority escalations and reminders due at night wait until morning; urgent ones never wait.
import { fromLocal, toLocal } from '../../core/local-time.ts'

/** Minutes after local midnight: quiet from `start` to `end` (overnight when start > end). */
export type QuietHours = { start: number; end: number } | null

/** Moves a normal-priority time out of quiet hours (to when they end); urgent is never held. */
export function deferQuiet(at: Date, urgent: boolean, quiet: QuietHours): Date {
  if (urgent || !quiet || quiet.start === quiet.end) return at
  const l = toLocal(at)
  const m = l.hour * 60 + l.minute
  const overnight = quiet.start > quiet.end
  const inside = overnight ? m >= quiet.start || m < quiet.end : m >= quiet.start && m < quiet.end
  if (!inside) return at
  const endHour = Math.floor(quiet.end / 60)
  const endMin = quiet.end % 60
  const dayShift = overnight && m >= quiet.start ? 1 : 0
  return fromLocal(l.year, l.month, l.day + dayShift, endHour, endMin)
}

/** When quiet hours hold a normal-priority time back, the time it moves to; null when it is not held. */
export function heldUntil(at: Date, urgent: boolean, quiet: QuietHours): Date | null {
  const moved = deferQuiet(at, urgent, quiet)
  return moved.getTime() === at.getTime() ? null : moved
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
/** "22:00–07:00", for replies that name the quiet hours. */
export const quietSpan = (quiet: { start: number; end: number }) => `${hhmm(quiet.start)}–${hhmm(quiet.end)}`
