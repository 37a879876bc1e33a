// #清单: the funnel 需求 → 任务 → 项目 (and resources matched) of a unit's subtree for a period. `funnelFor` is what
// digests (issue #11) call for their line (`funnelLine` in funnel-rules.ts); the counts are records, not a cache.
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { countFunnel, type FunnelCounts } from './funnel-rules.ts'
import { projectRepo } from './project.repo.ts'

/** `subtreeIds`: the ids of the unit's subtree when the caller has them (a digest), read here otherwise. */
export async function funnelFor(w: Work, unit: Unit, period: { from: Date; to: Date }, subtreeIds?: number[]): Promise<FunnelCounts> {
  const ids = subtreeIds ?? (await orgRepo.subtree(w.db, unit)).map((u) => u.id)
  const { from, to } = period
  const [needs, tasks, projects, resources, matches, activities] = await Promise.all([
    projectRepo.needsCreated(w.db, ids, from, to),
    projectRepo.tasksCreated(w.db, ids, from, to),
    projectRepo.projectsCreated(w.db, ids, from, to),
    projectRepo.resourcesCreated(w.db, ids, from, to),
    projectRepo.matchesMade(w.db, ids, from, to),
    projectRepo.activitiesServing(w.db, ids, from, to),
  ])
  const needTaskIds = needs.flatMap((n) => (n.taskId !== null ? [n.taskId] : []))
  const needTaskStatus = new Map((needTaskIds.length ? await projectRepo.taskStatuses(w.db, needTaskIds) : []).map((t) => [t.id, t.status]))
  return countFunnel({ needs, tasks, needTaskStatus, projects, resources, matches, activities })
}
