// Calendar periods on Asia/Shanghai boundaries — the months, quarters and years of rankings, 月度评价 · 季度考核 ·
// 年度评定, the funnel, digests and the 台账: what several capabilities count over. Pure, table-tested. The words
// people type for them are parsed in parser/period.ts.
import { fromLocal, toLocal } from '../../core/local-time.ts'
import { periodLabel } from '../texts/period.texts.ts'

export type PeriodKind = 'month' | 'quarter' | 'year'

export interface Period {
  kind: PeriodKind
  from: Date
  to: Date
  /** Local months in it, as yyyymm. */
  months: number[]
  label: string
}

/** yyyymm of the local (UTC+8) month containing `at`. */
export function monthKey(at: Date): number {
  const l = toLocal(at)
  return l.year * 100 + l.month
}

/** The local calendar month, quarter or year containing `now`. */
export function periodOf(kind: PeriodKind, now: Date): Period {
  const l = toLocal(now)
  const first = kind === 'month' ? l.month : kind === 'quarter' ? Math.floor((l.month - 1) / 3) * 3 + 1 : 1
  const count = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12
  const months = Array.from({ length: count }, (_, i) => l.year * 100 + first + i)
  return { kind, from: fromLocal(l.year, first, 1), to: fromLocal(l.year, first + count, 1), months, label: periodLabel(kind, l.year, first) }
}

/** "2026-11" → that local month; null when malformed. */
export function monthPeriod(text: string): Period | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim())
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null
  return periodOf('month', fromLocal(Number(m[1]), Number(m[2]), 15))
}

/** How a period is stored with a grade: 2026-11, 2026Q4, 2026. */
export function periodKey(p: Pick<Period, 'kind' | 'from'>): string {
  const l = toLocal(p.from)
  if (p.kind === 'month') return `${l.year}-${String(l.month).padStart(2, '0')}`
  if (p.kind === 'quarter') return `${l.year}Q${Math.floor((l.month - 1) / 3) + 1}`
  return `${l.year}`
}

/** The calendar year containing the end of a period (六个一 progress runs over the year, up to the period's end). */
export function yearToDate(p: Pick<Period, 'to'>): { from: Date; to: Date } {
  const last = new Date(p.to.getTime() - 1)
  return { from: periodOf('year', last).from, to: p.to }
}
