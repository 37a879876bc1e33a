// The org file's `policies.projects`: how long an unclaimed project waits per escalation level, and which completed
// work counts automatically for the 六个一. Validated (zod) at org import as part of the unit's policy block
// (task/policy.ts composes this schema), stored converted, and merged down the tree here (nearest unit wins).
import { z } from 'zod'
import { duration } from '../../kernel/policy/fields.ts'
import { resolveSlice, type PolicySlice } from '../../kernel/policy/slice.ts'

/** The keys under `policies.projects` (all optional). */
export const projectPolicyInput = z
  .object({
    /** An unclaimed project climbs one level per this period (the tasks' engine: levels and quiet hours as for tasks). */
    escalation: duration.optional(),
    /** A completed project counts as 参与一个项目 for its holder. */
    sixFromProject: z.boolean().optional(),
    /** Which completed tasks count as 解决一个难题 for their holder: urgent ones, ones in a project, or none. */
    sixFromTask: z.enum(['urgent', 'project', 'none']).optional(),
  })
  .strict()

export type ProjectPatch = z.output<typeof projectPolicyInput>

export interface ProjectPolicy {
  escalationMs: number
  sixFromProject: boolean
  sixFromTask: 'urgent' | 'project' | 'none'
}

export const DEFAULT_PROJECT_POLICY: ProjectPolicy = {
  escalationMs: 24 * 3_600_000,
  sixFromProject: true,
  sixFromTask: 'urgent',
}

/** Merges the `projects` part of stored policy blocks from the district down to the unit (nearest wins, per key). */
export const resolveProjectPolicy = (chain: readonly unknown[]): ProjectPolicy => resolveSlice(projectPolicy, chain)

/** The capability's slice: stored as validated (the escalation period in ms), each key set wins. */
export const projectPolicy: PolicySlice<ProjectPolicy> = {
  key: 'projects',
  input: projectPolicyInput,
  defaults: DEFAULT_PROJECT_POLICY,
  merge(into, patch) {
    const v = patch as ProjectPatch
    return {
      escalationMs: typeof v.escalation === 'number' ? v.escalation : into.escalationMs,
      sixFromProject: v.sixFromProject ?? into.sixFromProject,
      sixFromTask: v.sixFromTask ?? into.sixFromTask,
    }
  },
}
