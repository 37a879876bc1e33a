// 六个一 as users read and type it.
import type { SixKind } from '../../kernel/six.ts'

/** The short word (used in the command and in progress lines) and the full phrase of the report. */
export const SIX_LABEL: Record<SixKind, { word: string; phrase: string }> = {
  ledger: { word: '台账', phrase: '记好一本台账' },
  case: { word: '案例', phrase: '撰写一个案例' },
  project: { word: '项目', phrase: '参与一个项目' },
  problem: { word: '难题', phrase: '解决一个难题' },
  report: { word: '报告', phrase: '完成一篇报告' },
  proposal: { word: '建议', phrase: '提出一项建议' },
}
