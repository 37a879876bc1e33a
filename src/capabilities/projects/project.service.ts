// 领题攻坚: projects over needs, tasks and resources (需求 → 任务 → 项目). Creating, linking, claiming (领题) and
// closing with a summary; who may do what is the transition table (project-rules.ts); every change is one
// conditional update plus an event row; messages and timers are effects released after commit. A completed project
// earns its holder points (policies.points.project) and, by policy, the 六个一's 参与一个项目.
import { refuser } from '../../core/errors.ts'
import type { Effects } from '../../core/effects.ts'
import { formatLocal } from '../../core/time.ts'
import type { DbOrTx } from '../../db/client.ts'
import { refInRange } from '../../parser/refs.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type BoundRoom, type MemberWithUnit, type Unit } from '../../kernel/org/org.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { isAtOrAbove } from '../../kernel/org/authority.ts'
import { mayHandTo } from '../../kernel/org/item-authority.ts'
import { unitRoom } from '../../kernel/org/org.service.ts'
import { jobId } from '../../core/ids.ts'
import { publish } from '../../kernel/events.ts'
import { may } from '../../kernel/org/item-authority.ts'
import type { TaskPolicy } from '../../kernel/policy/policy.ts'
import { escalationDueAt } from '../../kernel/escalation/schedule.ts'
import { clockOf } from '../../kernel/escalation/clock.ts'
import { tellReachedRooms } from '../../kernel/escalation/reached-rooms.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import type { Work } from '../../kernel/work.ts'
import { resolveProjectPolicy, type ProjectPolicy } from './project-policy.ts'
import { projectRepo } from './project.repo.ts'
import {
  completionBlockers,
  hasWorkDone,
  paysHolder,
  decideProject,
  mayLink,
  maySeeProject,
  projectProgress,
  projectRelations,
  projectTasks,
  type ProjectAction,
  type ProjectProgress,
  type ProjectRefusal,
} from './project-rules.ts'
import { PROJECT_EVENT_LABEL, PROJECT_STATUS_LABEL, projectId, projectRefusalText, projectTexts, sixTexts } from './project.texts.ts'
import { projectWords } from './project-words.texts.ts'
import type { ItemKind, ItemRef, Project, ProjectNeed, ProjectStatus, ProjectTask } from './project.types.ts'
import { creditSix } from './six.service.ts'
import { recordDistrict } from '../../kernel/org/city-refs.ts'

/** One command's work on projects: the unit of work, who acts, and where they typed it. */
export interface ProjectOp extends Work {
  actor: MemberWithUnit
  room: BoundRoom
  messageId: string
}

export interface ProjectRef {
  number: number
  label: string
}

export type ProjectInUnit = Project & { unit: Unit }

const MAX_TITLE = 100
const MAX_TEXT = 500

/** Every refusal project answers with (tests assert these; its texts module words them). */
export type ProjectRefusalCode =
  | ProjectRefusal
  | 'PROJECT_CHANGED'
  | 'PROJECT_CREATE_DENIED'
  | 'PROJECT_ITEM_ELSEWHERE'
  | 'PROJECT_ITEM_OUTSIDE'
  | 'PROJECT_ITEM_UNKNOWN'
  | 'PROJECT_NOT_VISIBLE'
  | 'PROJECT_NO_WORK'
  | 'PROJECT_TASKS_OPEN'
  | 'PROJECT_TOO_LONG'
  | 'PROJECT_UNKNOWN'
  | 'PROJECT_HAND_OUTSIDE'
const refuse = refuser<ProjectRefusalCode>('project')

/** The unit's policy (a project's clock: clockOf({ kind: 'project' }), from `projects.escalation`) and its projects' keys. */
export async function projectContext(db: DbOrTx, unit: Unit): Promise<{ chain: Unit[]; policy: TaskPolicy; projects: ProjectPolicy }> {
  const ctx = await unitContext(db, unit)
  const projects = resolveProjectPolicy(ctx.chain.map((u) => u.policy))
  return { chain: ctx.chain, policy: ctx.policy, projects }
}

/** Fields that start an unclaimed cycle (a new project), with its first timer. */
export function startProjectCycle(p: Pick<Project, 'id' | 'escalationCycle'>, base: Date, policy: TaskPolicy, effects: Effects) {
  const cycle = p.escalationCycle + 1
  const nextEscalationAt = escalationDueAt({
    kind: 'unclaimed',
    base,
    level: 0,
    lastAt: null,
    clock: clockOf({ kind: 'project' }, policy),
    quietHours: policy.quietHours,
  })
  effects.schedule({ kind: 'project_escalate', subjectId: p.id, cycle, step: 0, dueAt: nextEscalationAt })
  return { escalationCycle: cycle, escalationLevel: -1, escalationBase: base, lastEscalatedAt: null, nextEscalationAt, escalatedRoomIds: [] as number[] }
}

export async function findProject(op: Pick<ProjectOp, 'db' | 'actor' | 'namedDistrict'>, ref: ProjectRef): Promise<ProjectInUnit> {
  const p = refInRange(ref.number) ? await projectRepo.byNumber(op.db, recordDistrict(op, op.actor.unit), ref.number) : null
  if (!p) throw refuse('PROJECT_UNKNOWN', projectTexts.unknown(ref.label))
  const unit = await orgRepo.unitById(op.db, p.unitId)
  if (!unit || !maySeeProject(op.actor, unit)) throw refuse('PROJECT_NOT_VISIBLE', projectTexts.notVisible(ref.label, unit?.name ?? ''))
  return { ...p, unit }
}

async function memberName(db: DbOrTx, id: number | null): Promise<string> {
  return id ? ((await orgRepo.membersByIds(db, [id]))[0]?.name ?? '') : ''
}

export async function authorize(op: ProjectOp, p: ProjectInUnit, action: ProjectAction): Promise<ProjectStatus> {
  const d = decideProject(p.status, action, projectRelations(op.actor, p, p.unit))
  if (d.ok) return d.to
  const holderName = d.code === 'PROJECT_TAKEN' || d.code === 'PROJECT_NOT_HOLDER' ? await memberName(op.db, p.holderId) : ''
  throw refuse(d.code, projectRefusalText(d.code, action, p, { unitName: p.unit.name, holderName, holderIsYou: p.holderId === op.actor.id }))
}

export async function event(op: ProjectOp, p: Pick<Project, 'id'>, kind: string, from: ProjectStatus | null, to: ProjectStatus | null, note?: string | null) {
  await projectRepo.addEvent(op.db, {
    projectId: p.id,
    at: op.now,
    kind,
    actorId: op.actor.id,
    roomId: op.room.id,
    fromStatus: from,
    toStatus: to,
    note: note ?? null,
  })
}

/** Links needs, tasks and resources to a project: each must exist, lie in reach, and (needs, tasks) belong to no other project. */
async function link(op: ProjectOp, p: ProjectInUnit, items: ItemRef[]): Promise<{ added: string[]; already: string[] }> {
  const district = districtOf(p.unit)
  const added: string[] = []
  const already: string[] = []
  for (const item of items) {
    const row = !refInRange(item.number)
      ? null
      : item.kind === 'need'
        ? await projectRepo.needByNumber(op.db, district, item.number)
        : item.kind === 'task'
          ? await projectRepo.taskByNumber(op.db, district, item.number)
          : await projectRepo.resourceByNumber(op.db, district, item.number)
    if (!row) throw refuse('PROJECT_ITEM_UNKNOWN', projectTexts.itemUnknown(item.label))
    const unit = await orgRepo.unitById(op.db, row.unitId)
    if (!unit || !mayLink(item.kind, p.unit, unit)) throw refuse('PROJECT_ITEM_OUTSIDE', projectTexts.itemOutside(item.label, unit?.name ?? '', p.unit.name))
    if (item.kind !== 'resource') {
      const other = await projectRepo.linkedElsewhere(op.db, item.kind, row.id, p.id)
      if (other) {
        const [o] = await projectRepo.projectNumbers(op.db, [other.projectId])
        throw refuse('PROJECT_ITEM_ELSEWHERE', projectTexts.itemElsewhere(item.label, o ? projectId(o) : ''))
      }
    }
    if (await projectRepo.addItem(op.db, { projectId: p.id, kind: item.kind, refId: row.id, actorId: op.actor.id, at: op.now })) added.push(item.label)
    else already.push(item.label)
  }
  return { added, already }
}

export async function createProject(op: ProjectOp, a: { title: string; items: ItemRef[]; forUnit?: Unit | null }) {
  const here = op.room.unit
  const unit = a.forUnit ?? here
  const handedDown = unit.id !== here.id
  // Handed down (#项目 … @单位): only into the creator's own subtree, from a group of that unit or above it.
  if (handedDown && !(mayHandTo(op.actor, unit) && isAtOrAbove(here, unit)))
    throw refuse('PROJECT_HAND_OUTSIDE', projectTexts.handOutside(unit.name, op.actor.unit.name, a.title))
  if (!may(op.actor, 'create_for', {}, unit)) throw refuse('PROJECT_CREATE_DENIED', projectTexts.createDenied(unit.name))
  const room = handedDown ? await unitRoom(op, unit.id) : op.room
  if (!room?.wxRoomId) throw refuse('PROJECT_HAND_OUTSIDE', projectTexts.unitNoRoom(unit.name))
  const title = a.title.trim()
  if (title.length > MAX_TITLE) throw refuse('PROJECT_TOO_LONG', projectTexts.tooLong(MAX_TITLE))
  const district = districtOf(unit)
  const number = await projectRepo.nextNumber(op.db, district)
  const created = await projectRepo.create(op.db, {
    districtId: district,
    number,
    unitId: unit.id,
    roomId: room.id,
    title,
    creatorId: op.actor.id,
    assignedFromUnitId: handedDown ? here.id : null,
    assignedFromRoomId: handedDown ? op.room.id : null,
    createdAt: op.now,
  })
  const ctx = await projectContext(op.db, unit)
  const cycle = startProjectCycle(created, op.now, ctx.policy, op.effects)
  await projectRepo.transition(op.db, created.id, {}, cycle)
  const p = { ...created, ...cycle, unit }
  await event(op, p, 'created', null, 'open')
  const { added } = await link(op, p, a.items)
  if (added.length) await event(op, p, 'added', 'open', 'open', added.join(' '))
  if (handedDown) {
    const cadres = await orgRepo.membersIn(op.db, [unit.id], ['grid_cadre'])
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text: projectTexts.handedDown(p, op.actor.name, here.name), mentionIds: cadres.map((m) => m.wxid) },
      jobId('project-down', p.id, op.messageId),
    )
  }
  return { project: p, items: added }
}

export async function addToProject(op: ProjectOp, ref: ProjectRef, items: ItemRef[]) {
  const p = await findProject(op, ref)
  await authorize(op, p, 'add')
  const r = await link(op, p, items)
  if (r.added.length) await event(op, p, 'added', p.status, p.status, r.added.join(' '))
  return { project: p, ...r }
}

/** What a project is made of now, and how far it is. */
export async function projectContents(db: DbOrTx, projectId: number) {
  const items = await projectRepo.items(db, projectId)
  const ids = (kind: ItemKind) => items.filter((i) => i.kind === kind).map((i) => i.refId)
  const [linked, needs, resources] = await Promise.all([
    projectRepo.tasksByIds(db, ids('task')),
    projectRepo.needsByIds(db, ids('need')),
    projectRepo.resourcesByIds(db, ids('resource')),
  ])
  const fromNeeds = needs.length
    ? await projectRepo.tasksFromNeeds(
        db,
        needs.map((n) => n.id),
      )
    : []
  const tasks = projectTasks(linked as ProjectTask[], fromNeeds as ProjectTask[])
  const done = new Set(tasks.filter((t) => t.status === 'done').map((t) => t.id))
  // A linked need's task may be linked too or not; its status decides whether the need is met either way.
  for (const t of fromNeeds) if (t.status === 'done') done.add(t.id)
  const progress = projectProgress(tasks, needs as ProjectNeed[], done)
  return { tasks, needs: needs as ProjectNeed[], resources, progress }
}

export async function claimProject(op: ProjectOp, ref: ProjectRef) {
  const p = await findProject(op, ref)
  await authorize(op, p, 'claim')
  const ok = await projectRepo.transition(
    op.db,
    p.id,
    { status: 'open', holderId: null, escalationCycle: p.escalationCycle },
    { status: 'claimed', holderId: op.actor.id, claimedAt: op.now, nextEscalationAt: null, escalationCycle: p.escalationCycle + 1 },
  )
  if (!ok) {
    // Lost a race: someone claimed it a moment earlier. Say who, as for any claim of a claimed project.
    const now = await projectRepo.byId(op.db, p.id)
    if (now) await authorize(op, { ...p, ...now }, 'claim')
    throw refuse('PROJECT_CHANGED', projectTexts.changed(p))
  }
  await event(op, p, 'claimed', 'open', 'claimed')
  await tellReachedRooms(op.db, op.effects, p, projectTexts.reachedTaken(p, p.unit.name, op.actor.name), `project-claimed-${op.messageId}`, op.room.id)
  const { progress } = await projectContents(op.db, p.id)
  return { project: p, progress }
}

/** #完成 P3 <总结>: the holder (or a supervisor above) closes a project whose tasks are all done. */
export async function completeProject(op: ProjectOp, ref: ProjectRef, summary: string) {
  const p = await findProject(op, ref)
  await authorize(op, p, 'complete')
  const contents = await projectContents(op.db, p.id)
  const open = completionBlockers(contents.tasks)
  if (open.length) throw refuse('PROJECT_TASKS_OPEN', projectTexts.blocked(p, open))
  if (!hasWorkDone(contents.tasks)) throw refuse('PROJECT_NO_WORK', projectTexts.noWorkDone(p))
  const ok = await projectRepo.transition(
    op.db,
    p.id,
    { status: 'claimed', holderId: p.holderId },
    { status: 'done', summary: summary.slice(0, MAX_TEXT), closedAt: op.now, nextEscalationAt: null },
  )
  if (!ok) throw refuse('PROJECT_CHANGED', projectTexts.changed(p))
  await event(op, p, 'completed', 'claimed', 'done', summary.slice(0, MAX_TEXT))
  // It counts for its holder (points by policy, the 六个一 by policy) and for its unit (the funnel, the evaluation).
  const holderId = p.holderId ?? op.actor.id
  const holder = holderId === op.actor.id ? op.actor : (await orgRepo.membersByIds(op.db, [holderId]))[0]
  let notes: string[] = []
  let six: string[] = []
  if (holder) {
    // Points pays the holder by policy (its subscriber's note joins the reply).
    notes = await publish(op, 'project.completed', {
      project: { id: p.id, number: p.number, title: p.title, roomId: p.roomId, unitId: p.unitId, creatorId: p.creatorId },
      ref: projectId(p),
      holder,
      paysHolder: paysHolder(p, holder.id),
      actorId: op.actor.id,
    })
    const ctx = await projectContext(op.db, p.unit)
    if (ctx.projects.sixFromProject) {
      const credited = await creditSix(op, {
        member: holder,
        kind: 'project',
        source: 'project',
        ref: projectId(p),
        note: sixTexts.autoNote(projectId(p), p.title),
        roomId: p.roomId,
      })
      if (credited) six = ['project']
    }
  }
  return { project: p, progress: contents.progress, notes, six: six as 'project'[], holderName: holder?.name ?? '' }
}

/**
 * A project with its items, holder, progress and record. Read outside the unit that owns a piece of it, that piece
 * is masked: the project's title, summary and record by the project's unit, each need and task by its own unit
 * (a grid's need in a community's project stays the grid's).
 */
export async function showProject(op: ProjectOp, ref: ProjectRef) {
  const p = await findProject(op, ref)
  const [contents, events] = await Promise.all([projectContents(op.db, p.id), projectRepo.events(op.db, p.id)])
  const people = await orgRepo.membersByIds(op.db, [...new Set([p.holderId, ...events.map((e) => e.actorId)].filter((x): x is number => x !== null))])
  const names = new Map(people.map((m) => [m.id, m.name]))
  const here = op.room.unitId
  let masked = false
  const owned = (unitId: number, text: string) => {
    const shown = textFor(here, unitId, text)
    if (shown !== text) masked = true
    return shown
  }
  const tasks = contents.tasks.map((t) => owned(t.unitId, `T${t.number} ${t.title}(${TASK_STATUS[t.status]})`))
  const done = new Set(contents.tasks.filter((t) => t.status === 'done').map((t) => t.id))
  const needs = contents.needs.map((n) =>
    owned(
      n.unitId,
      `N${n.number} ${n.description.slice(0, 40)}(${n.status === 'closed' || (n.taskId && done.has(n.taskId)) ? projectWords.needSolved : n.taskId ? projectWords.needToTask : projectWords.needOpen})`,
    ),
  )
  const resources = contents.resources.map((r) => owned(r.unitId, `R${r.number} ${r.description}${r.providerName ? `(${r.providerName})` : ''}`))
  const lines = events.map((e) => {
    const who = e.actorId ? (names.get(e.actorId) ?? '') : projectWords.system
    const level = e.level !== null ? projectWords.level(e.level) : ''
    const move = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` ${PROJECT_STATUS_LABEL[e.fromStatus]}→${PROJECT_STATUS_LABEL[e.toStatus]}` : ''
    return owned(p.unitId, `${formatLocal(e.at)} ${who} ${PROJECT_EVENT_LABEL[e.kind] ?? e.kind}${level}${move}${e.note ? `:${e.note}` : ''}`)
  })
  const text = projectTexts.show({
    p: { ...p, title: owned(p.unitId, p.title), summary: p.summary && owned(p.unitId, p.summary) },
    unitName: p.unit.name,
    holder: p.holderId ? names.get(p.holderId) : undefined,
    g: contents.progress,
    tasks,
    needs,
    resources,
    events: lines,
  })
  return masked ? `${text}\n${projectTexts.maskedHint()}` : text
}

const TASK_STATUS: Record<ProjectTask['status'], string> = projectWords.taskStatus

/** #项目列表: the projects of the room's unit and its subtree, unfinished first; each line masked outside its own unit. */
export type { ProjectProgress }
