// 六个一 (二七区's young cadres as 调研员): keep one ledger, write one case, join one project, solve one hard problem,
// finish one report, make one proposal. Pure rules, table-tested in test/unit/six-rules.test.ts: the words people
// type for each, progress over a year, and which completed work counts automatically by policy.
import type { ProjectPolicy } from './project-policy.ts'

export const SIX_KINDS = ['ledger', 'case', 'project', 'problem', 'report', 'proposal'] as const
export type SixKind = (typeof SIX_KINDS)[number]

/** The short word (used in the command and in progress lines) and the full phrase of the report. */
export const SIX_LABEL: Record<SixKind, { word: string; phrase: string }> = {
  ledger: { word: '台账', phrase: '记好一本台账' },
  case: { word: '案例', phrase: '撰写一个案例' },
  project: { word: '项目', phrase: '参与一个项目' },
  problem: { word: '难题', phrase: '解决一个难题' },
  report: { word: '报告', phrase: '完成一篇报告' },
  proposal: { word: '建议', phrase: '提出一项建议' },
}

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

export interface SixProgress {
  done: SixKind[]
  missing: SixKind[]
  /** Records per kind (a second case still counts one of six). */
  counts: Record<SixKind, number>
}

/** Which of the six a member has (any record of the kind counts), and what is missing, in the report's order. */
export function sixProgress(records: { kind: string }[]): SixProgress {
  const counts = Object.fromEntries(SIX_KINDS.map((k) => [k, 0])) as Record<SixKind, number>
  for (const r of records) if (r.kind in counts) counts[r.kind as SixKind]++
  return { done: SIX_KINDS.filter((k) => counts[k] > 0), missing: SIX_KINDS.filter((k) => counts[k] === 0), counts }
}

/** A completed task counts as 解决一个难题 when the policy says so: urgent tasks, or tasks of a project. */
export function taskCountsAsProblem(task: { priority: 'normal' | 'urgent'; inProject: boolean }, policy: Pick<ProjectPolicy, 'sixFromTask'>): boolean {
  if (policy.sixFromTask === 'urgent') return task.priority === 'urgent'
  if (policy.sixFromTask === 'project') return task.inProject
  return false
}
