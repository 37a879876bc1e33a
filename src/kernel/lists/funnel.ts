// The funnel 需求 → 任务 → 项目 (and resources matched) as counts: what a subtree collected, formed and finished in a
// period. Shared by the capabilities it spans (needs and tasks, projects, resources) and by the digests that show its
// line, so it lives in the kernel: projects counts it (funnel-rules.ts), digests read it without naming projects.

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
