// #任务列表 / #需求列表: the open tasks and needs of the room unit's subtree (or of the unit named), the most urgent
// first, each line masked when read above the unit that owns it, as the one subtree list shows them.
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Member, Unit } from '../../kernel/org/org.types.ts'
import { listScope } from '../../kernel/lists/narrow.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import type { ListEntry } from '../../kernel/lists/subtree-list.ts'
import type { Work } from '../../kernel/work.ts'
import type { ListArgs, NEED_STATE_WORDS, TASK_STATE_WORDS } from '../../parser/list-args.ts'
import { listRepo } from './list.repo.ts'
import { needTexts, taskLine } from './task.texts.ts'

/** Enough for any district's open items; a page shows far fewer. */
const FETCH = 2000

export type TaskState = (typeof TASK_STATE_WORDS)[keyof typeof TASK_STATE_WORDS]
export type NeedState = (typeof NEED_STATE_WORDS)[keyof typeof NEED_STATE_WORDS]

export interface ListResult {
  scope: Unit
  below: boolean
  entries: ListEntry[]
  total: number
  unitNames: Map<number, string>
}

type Task = Awaited<ReturnType<typeof listRepo.activeTasks>>[number]

const overdue = (t: Pick<Task, 'deadline'>, now: Date) => !!t.deadline && t.deadline.getTime() < now.getTime()

/** Overdue first, then urgent, then the nearest deadline, then the oldest. */
export function byUrgency(now: Date) {
  const rank = (t: Task) => (overdue(t, now) ? 0 : 2) + (t.priority === 'urgent' ? 0 : 1)
  return (a: Task, b: Task) => rank(a) - rank(b) || (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) || a.number - b.number
}

const TASK_FILTERS: Record<TaskState, (t: Task, me: Pick<Member, 'id'>, now: Date) => boolean> = {
  overdue: (t, _me, now) => overdue(t, now),
  unclaimed: (t) => t.status === 'open',
  claimed: (t) => t.status === 'claimed',
  mine: (t, me) => t.holderId === me.id,
  urgent: (t) => t.priority === 'urgent',
}

export async function listTasks(w: Work, a: { roomUnit: Unit; me: Pick<Member, 'id'>; args: ListArgs<TaskState>; command: string }): Promise<ListResult> {
  const { scope, unitIds, unitNames, below } = listScope(await orgRepo.subtree(w.db, a.roomUnit), a.args.unit, a.command)
  const [fetched, count] = await Promise.all([listRepo.activeTasks(w.db, unitIds, FETCH), listRepo.countActiveTasks(w.db, unitIds)])
  const tasks = fetched.filter((t) => a.args.states.every((s) => TASK_FILTERS[s](t, a.me, w.now))).sort(byUrgency(w.now))
  const holders = new Map((await orgRepo.membersByIds(w.db, [...new Set(tasks.flatMap((t) => (t.holderId ? [t.holderId] : [])))])).map((m) => [m.id, m.name]))
  const entries = tasks.map((t) => ({
    unitId: t.unitId,
    line: textFor(a.roomUnit.id, t.unitId, taskLine(t, w.now, t.holderId ? holders.get(t.holderId) : undefined)),
  }))
  return { scope, below, entries, total: a.args.states.length ? entries.length : Math.max(count, entries.length), unitNames }
}

export async function listNeeds(w: Work, a: { roomUnit: Unit; me: Pick<Member, 'id'>; args: ListArgs<NeedState>; command: string }): Promise<ListResult> {
  const { scope, unitIds, unitNames, below } = listScope(await orgRepo.subtree(w.db, a.roomUnit), a.args.unit, a.command)
  const [fetched, count] = await Promise.all([listRepo.openNeeds(w.db, unitIds, FETCH), listRepo.countOpenNeeds(w.db, unitIds)])
  const needs = a.args.states.includes('mine') ? fetched.filter((n) => n.reporterId === a.me.id) : fetched
  const entries = needs.map((n) => ({ unitId: n.unitId, line: textFor(a.roomUnit.id, n.unitId, needTexts.line(n)) }))
  return { scope, below, entries, total: a.args.states.length ? entries.length : Math.max(count, entries.length), unitNames }
}
