// 六个一: records typed with #六个一 (images within 5 minutes before or after are their evidence), records credited
// automatically (a completed project → 参与一个项目; a completed task that solved a hard problem → 解决一个难题, as
// policies.projects says), and one's progress over the year.
import { periodOf } from '../../kernel/time/periods.ts'
import { districtOf, type MemberWithUnit, type Unit } from '../../kernel/org/org.types.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Work } from '../../kernel/work.ts'
import { resolveProjectPolicy } from './project-policy.ts'
import { projectRepo } from './project.repo.ts'
import { sixProgress, taskCountsAsProblem, type SixKind } from './six-rules.ts'
import { sixTexts } from './project.texts.ts'

const EVIDENCE_WINDOW_MS = 5 * 60_000
const MAX_NOTE = 300

/** Records one of the six once per (member, kind, source, ref); null when it was recorded before. */
export async function creditSix(
  w: Work,
  a: {
    member: { id: number; unitId: number; unit: Unit }
    kind: SixKind
    source: 'manual' | 'project' | 'task'
    ref: string
    note: string
    roomId: number | null
  },
) {
  return projectRepo.addSix(w.db, {
    districtId: districtOf(a.member.unit),
    memberId: a.member.id,
    unitId: a.member.unitId,
    roomId: a.roomId,
    kind: a.kind,
    note: a.note.slice(0, MAX_NOTE),
    source: a.source,
    ref: a.ref,
    at: w.now,
  })
}

/** A member's 六个一 this year (Asia/Shanghai), with the latest records. */
export async function sixOf(w: Work, memberId: number) {
  const year = periodOf('year', w.now)
  const records = await projectRepo.sixOf(w.db, [memberId], year.from, year.to)
  return { progress: sixProgress(records), records, year: Number(year.label.slice(0, 4)) }
}

/** #六个一 <种类> <说明>: recorded for the sender; images they sent in this room within 5 minutes before attach. */
export async function recordSix(w: Work & { messageId: string }, a: { member: MemberWithUnit; roomId: number; kind: SixKind; note: string }) {
  const row = await creditSix(w, { member: a.member, kind: a.kind, source: 'manual', ref: w.messageId, note: a.note, roomId: a.roomId })
  const evidence = row ? await projectRepo.attachSixMedia(w.db, row.id, a.member.id, a.roomId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS), w.now) : 0
  return { evidence, ...(await sixOf(w, a.member.id)) }
}

/** When the member last recorded a 六个一 item in this room, if within the evidence window (0: not). */
export async function recentSixAt(w: Work, memberId: number, roomId: number): Promise<number> {
  return (await projectRepo.latestSix(w.db, memberId, roomId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS)))?.at.getTime() ?? 0
}

/** An image sent within 5 minutes after a #六个一 record becomes its evidence. */
export async function attachSixEvidence(w: Work, memberId: number, roomId: number, mediaAt: Date) {
  const six = await projectRepo.latestSix(w.db, memberId, roomId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS))
  if (!six) return null
  const n = await projectRepo.attachSixMedia(w.db, six.id, memberId, roomId, mediaAt, mediaAt)
  return n ? { kind: six.kind as SixKind } : null
}

/**
 * The hook task completion calls: a completed task that solved a hard problem (by policy: an urgent task, or one
 * in a project) counts as 解决一个难题 for its holder. Returns the kinds credited.
 */
export async function creditCompletedTask(
  w: Work,
  task: { id: number; number: number; title: string; priority: 'normal' | 'urgent'; needId: number | null; roomId: number; unitId: number },
  holder: { id: number; unitId: number; unit: Unit },
): Promise<SixKind[]> {
  const unit = await orgRepo.unitById(w.db, task.unitId)
  if (!unit) return []
  const chain = [...(await orgRepo.ancestors(w.db, unit)), unit]
  const policy = resolveProjectPolicy(chain.map((u) => u.policy))
  if (policy.sixFromTask === 'none') return []
  const inProject = policy.sixFromTask === 'project' ? (await projectRepo.projectOfTask(w.db, task.id, task.needId)) !== null : false
  if (!taskCountsAsProblem({ priority: task.priority, inProject }, policy)) return []
  const ref = `T${task.number}`
  const row = await creditSix(w, { member: holder, kind: 'problem', source: 'task', ref, note: sixTexts.autoNote(ref, task.title), roomId: task.roomId })
  return row ? ['problem'] : []
}
