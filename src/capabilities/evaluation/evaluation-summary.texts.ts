// #评价 汇总: counts of grades per unit.
import type { Grade } from './evaluation.types.ts'

export interface GradeCounts {
  name: string
  counts: Record<Grade, number>
  ungraded: number
}

const counts = (c: GradeCounts) => `优秀 ${c.counts.优秀} · 良好 ${c.counts.良好} · 合格 ${c.counts.合格} · 不合格 ${c.counts.不合格} · 未评 ${c.ungraded}`

export const summaryTexts = {
  head: (scope: string, period: string, total: GradeCounts) => `📋 ${scope} ${period} 评定等次汇总\n合计:${counts(total)}`,
  line: (c: GradeCounts) => `${c.name}:${counts(c)}`,
  own: '本级',
  command: (words: string[]) => ['#评价', '汇总', ...words].join(' '),
  none: (scope: string) => `${scope}及下级暂无需要评定的干部`,
}
