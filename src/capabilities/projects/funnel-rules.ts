// The funnel 需求 → 任务 → 项目 (二七区: 530 needs → 290 tasks → 86 projects; 文山: 需求清单 + 资源清单 → 项目清单):
// counting what a subtree collected, formed and finished in a period. Pure, table-tested in
// test/unit/funnel-rules.test.ts; the service reads the rows and digests (issue #11) can call it for their line.
import { funnelActivitiesText } from './funnel.texts.ts'

type TaskStatus = 'open' | 'claimed' | 'done' | 'cancelled'

export interface FunnelRows {
  /** Needs recorded in the period. */
  needs: { status: 'pending' | 'open' | 'converted' | 'closed'; taskId: number | null }[]
  /** Tasks created in the period. */
  tasks: { status: TaskStatus; needId: number | null }[]
  /** Status of the tasks those needs were turned into (whenever they were created). */
  needTaskStatus: ReadonlyMap<number, TaskStatus>
  /** Projects created in the period. */
  projects: { status: TaskStatus }[]
  /** Resources registered in the period. */
  resources: number
  /** Matches (对接) made in the period: one entry per match, by resource. */
  matches: { resourceId: number }[]
  /** Activities serving a project (#24) that started in the period. */
  activities?: number
}

export interface FunnelCounts {
  needs: number
  /** Closed, or turned into a task that is done. */
  needsMet: number
  /** Turned into tasks. */
  needsConverted: number
  /** Cancelled tasks and projects are not counted. */
  tasks: number
  tasksDone: number
  /** Tasks made from a need. */
  tasksFromNeeds: number
  projects: number
  projectsDone: number
  resources: number
  matches: number
  resourcesMatched: number
  /** Activities serving a project (#24); absent: none counted. */
  activities?: number
}

export function countFunnel(r: FunnelRows): FunnelCounts {
  const tasks = r.tasks.filter((t) => t.status !== 'cancelled')
  const projects = r.projects.filter((p) => p.status !== 'cancelled')
  return {
    needs: r.needs.length,
    needsMet: r.needs.filter((n) => n.status === 'closed' || (n.taskId !== null && r.needTaskStatus.get(n.taskId) === 'done')).length,
    needsConverted: r.needs.filter((n) => n.taskId !== null).length,
    tasks: tasks.length,
    tasksDone: tasks.filter((t) => t.status === 'done').length,
    tasksFromNeeds: tasks.filter((t) => t.needId !== null).length,
    projects: projects.length,
    projectsDone: projects.filter((p) => p.status === 'done').length,
    resources: r.resources,
    matches: r.matches.length,
    resourcesMatched: new Set(r.matches.map((m) => m.resourceId)).size,
    activities: r.activities ?? 0,
  }
}

/** The funnel in one line, as a digest shows it: 需求 530(已解决 230)→ 任务 290(已完成 200)→ 项目 86(已完成 40)· 资源对接 12 次. */
export function funnelLine(c: FunnelCounts): string {
  const res = c.matches || c.resources ? ` · 资源 ${c.resources} 项,对接 ${c.matches} 次` : ''
  const acts = c.activities ? funnelActivitiesText(c.activities) : ''
  return `需求 ${c.needs}(已解决 ${c.needsMet})→ 任务 ${c.tasks}(已完成 ${c.tasksDone})→ 项目 ${c.projects}(已完成 ${c.projectsDone})${res}${acts}`
}
