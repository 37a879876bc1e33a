// 六个一: the six kinds of record a young cadre keeps in a year, and their progress. Shared by projects (which records
// them) and evaluation (which scores them); the words and phrases people read stay with projects.

export const SIX_KINDS = ['ledger', 'case', 'project', 'problem', 'report', 'proposal'] as const
export type SixKind = (typeof SIX_KINDS)[number]

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
