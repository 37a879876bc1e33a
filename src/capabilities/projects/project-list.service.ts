// #项目列表: the projects of the room unit's subtree — waiting to be claimed, then in progress, then done, the oldest
// first in each — with their progress, masked when read above the unit that owns them.
import { listScope } from '../../kernel/lists/narrow.ts'
import type { ListEntry } from '../../kernel/lists/subtree-list.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Member, Unit } from '../../kernel/org/org.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import type { Work } from '../../kernel/work.ts'
import type { ListArgs, PROJECT_STATE_WORDS } from '../../parser/list-args.ts'
import { projectContents } from './project.service.ts'
import { ACTIVE_PROJECT, projectRepo } from './project.repo.ts'
import { projectLine } from './project.texts.ts'

export type ProjectState = (typeof PROJECT_STATE_WORDS)[keyof typeof PROJECT_STATE_WORDS]
/** Progress is read per project: a district's projects number in the hundreds at most. */
const FETCH = 300
const ORDER: Record<string, number> = { open: 0, claimed: 1, done: 2 }

export async function listProjects(w: Work, a: { roomUnit: Unit; me: Pick<Member, 'id'>; args: ListArgs<ProjectState>; command: string }) {
  const { scope, unitIds, unitNames, below } = listScope(await orgRepo.subtree(w.db, a.roomUnit), a.args.unit, a.command)
  const [active, done, activeCount, doneCount] = await Promise.all([
    projectRepo.inUnits(w.db, unitIds, ACTIVE_PROJECT, FETCH),
    projectRepo.inUnits(w.db, unitIds, ['done'], FETCH),
    projectRepo.countInUnits(w.db, unitIds, ACTIVE_PROJECT),
    projectRepo.countInUnits(w.db, unitIds, ['done']),
  ])
  const keep = (p: (typeof active)[number]) => a.args.states.every((s) => (s === 'mine' ? p.holderId === a.me.id : p.status === s))
  const projects = [...active, ...done].filter(keep).sort((x, y) => (ORDER[x.status] ?? 3) - (ORDER[y.status] ?? 3) || x.number - y.number)
  const holders = new Map(
    (await orgRepo.membersByIds(w.db, [...new Set(projects.flatMap((p) => (p.holderId ? [p.holderId] : [])))])).map((m) => [m.id, m.name]),
  )
  const entries: ListEntry[] = []
  for (const p of projects) {
    const { progress } = await projectContents(w.db, p.id)
    entries.push({ unitId: p.unitId, line: textFor(a.roomUnit.id, p.unitId, projectLine(p, progress, p.holderId ? holders.get(p.holderId) : undefined)) })
  }
  const total = a.args.states.length ? entries.length : Math.max(activeCount + doneCount, entries.length)
  return { scope, below, entries, total, activeCount, doneCount, unitNames }
}
