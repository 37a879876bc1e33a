// The funnel in one line, as #清单 and the digests' 清单 line show it (the counts: funnel.ts).
import type { FunnelCounts } from './funnel.ts'

export const funnelActivitiesText = (n: number) => ` · 项目活动 ${n} 场`

/** The funnel in one line, as a digest shows it: 需求 530(已解决 230)→ 任务 290(已完成 200)→ 项目 86(已完成 40)· 资源对接 12 次. */
export function funnelLine(c: FunnelCounts): string {
  const res = c.matches || c.resources ? ` · 资源 ${c.resources} 项,对接 ${c.matches} 次` : ''
  const acts = c.activities ? funnelActivitiesText(c.activities) : ''
  return `需求 ${c.needs}(已解决 ${c.needsMet})→ 任务 ${c.tasks}(已完成 ${c.tasksDone})→ 项目 ${c.projects}(已完成 ${c.projectsDone})${res}${acts}`
}
