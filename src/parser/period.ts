// The periods people name for 月度评价 · 季度考核 · 年度评定, the funnel, digests and the 台账: 本月 上季 11月 2026Q4 …
// parsed into the kernel's calendar periods (kernel/time/periods.ts). Pure, table-tested.
import { fromLocal, toLocal } from '../core/local-time.ts'
import { group } from '../core/match-group.ts'
import { periodOf, type Period } from '../kernel/time/periods.ts'

/** "2026-11", "2026年11月" → that month; null when malformed. */
export function monthOf(text: string): Period | null {
  const m = /^(\d{4})(?:-|年)(\d{1,2})(?:月份?)?$/.exec(text.trim())
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null
  return periodOf('month', fromLocal(Number(m[1]), Number(m[2]), 15))
}

/** "2026Q4", "2026q4", "2026年第4季度" → that quarter; null when malformed. */
export function quarterOf(text: string): Period | null {
  const m = /^(\d{4})(?:[Qq]|年第)([1-4一二三四])(?:季度?)?$/.exec(text.trim())
  if (!m) return null
  const q = '一二三四'.includes(group(m, 2)) ? '一二三四'.indexOf(group(m, 2)) + 1 : Number(m[2])
  return periodOf('quarter', fromLocal(Number(m[1]), q * 3 - 1, 15))
}

/** "2026", "2026年" → that year; null when malformed. */
export function yearOf(text: string): Period | null {
  const m = /^(\d{4})年?$/.exec(text.trim())
  return m ? periodOf('year', fromLocal(Number(m[1]), 6, 15)) : null
}

const CN_MONTH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 }

/**
 * A period as people say it, relative to `now`: 本月 上月 11月 十一月 本季 上季 本年 今年 去年, or written out
 * (2026-11, 2026Q4, 2026年). A month name alone is the latest one not in the future (in January, 12月 is last
 * December). Null when it is not a period.
 */
export function parsePeriod(word: string, now: Date): Period | null {
  const w = word.trim()
  const l = toLocal(now)
  switch (w) {
    case '本月':
    case '当月':
      return periodOf('month', now)
    case '上月':
    case '上个月':
      return periodOf('month', fromLocal(l.year, l.month - 1, 15))
    case '本季':
    case '本季度':
      return periodOf('quarter', now)
    case '上季':
    case '上季度':
      return periodOf('quarter', fromLocal(l.year, l.month - 3, 15))
    case '本年':
    case '今年':
    case '本年度':
      return periodOf('year', now)
    case '去年':
    case '上年':
      return periodOf('year', fromLocal(l.year - 1, 6, 15))
  }
  const m = /^(\d{1,2}|[一二三四五六七八九十]{1,3})月份?$/.exec(w)
  if (m) {
    const month = /\d/.test(group(m, 1)) ? Number(m[1]) : CN_MONTH[group(m, 1)]
    if (!month || month < 1 || month > 12) return null
    return periodOf('month', fromLocal(month > l.month ? l.year - 1 : l.year, month, 15))
  }
  return monthOf(w) ?? quarterOf(w) ?? yearOf(w)
}
