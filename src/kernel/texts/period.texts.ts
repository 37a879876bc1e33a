// How a period (kernel/time/periods.ts) is named in replies and exports: 2026年11月, 2026年第4季度, 2026年.
export const periodLabel = (kind: 'month' | 'quarter' | 'year', year: number, firstMonth: number): string =>
  kind === 'month' ? `${year}年${firstMonth}月` : kind === 'quarter' ? `${year}年第${(firstMonth + 2) / 3}季度` : `${year}年`
