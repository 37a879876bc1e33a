// 六个一 (二七区's young cadres as 调研员): keep one ledger, write one case, join one project, solve one hard problem,
// finish one report, make one proposal. Pure rules, table-tested in test/unit/six-rules.test.ts: the words people
// type for each, progress over a year, and which completed work counts automatically by policy.
import type { ProjectPolicy } from './project-policy.ts'

import { SIX_KINDS, type SixKind } from '../../kernel/six.ts'
import { SIX_LABEL } from './six.texts.ts'

export { SIX_KINDS, sixProgress, type SixKind, type SixProgress } from '../../kernel/six.ts'

export { SIX_LABEL }

const WORDS: Record<string, SixKind> = {
  台账: 'ledger',
  记台账: 'ledger',
  案例: 'case',
  项目: 'project',
  难题: 'problem',
  报告: 'report',
  调研报告: 'report',
  建议: 'proposal',
  提议: 'proposal',
}
for (const k of SIX_KINDS) {
  WORDS[SIX_LABEL[k].phrase] = k
  WORDS[k] = k
}

/** "台账", "记好一本台账", "ledger" → the kind; null when it is none of the six. */
export const sixKindOf = (word: string): SixKind | null => WORDS[word.trim().toLowerCase()] ?? null

/** A completed task counts as 解决一个难题 when the policy says so: urgent tasks, or tasks of a project. */
export function taskCountsAsProblem(task: { priority: 'normal' | 'urgent'; inProject: boolean }, policy: Pick<ProjectPolicy, 'sixFromTask'>): boolean {
  if (policy.sixFromTask === 'urgent') return task.priority === 'urgent'
  if (policy.sixFromTask === 'project') return task.inProject
  return false
}
