// The funnel 需求 → 任务 → 项目 (二七区: 530 needs → 290 tasks → 86 projects; 文山: 需求清单 + 资源清单 → 项目清单):
// counting what a subtree collected, formed and finished in a period. Pure, table-tested in
// test/unit/funnel-rules.test.ts; the service reads the rows and digests (issue #11) can call it for their line.
import type { FunnelCounts } from '../../kernel/lists/funnel.ts'

// The counts and their line are the kernel's (what digests show too); re-exported for projects' own modules.
export type { FunnelCounts } from '../../kernel/lists/funnel.ts'
export { funnelLine } from '../../kernel/lists/funnel.texts.ts'

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
