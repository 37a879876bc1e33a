// 需求 → 任务 → 领题: creating, claiming, progressing, completing, abandoning, cancelling, taking over,
// reassigning and chasing tasks. Who may do what is the transition table (task-rules.ts); every change is one
// conditional update plus an event row; messages and timers are effects released after commit.
import { AppError, refuser } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { refInRange } from '../../parser/refs.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type BoundRoom, type MemberWithUnit, type Room, type Unit } from '../../kernel/org/org.types.ts'
import { unitRoom } from '../../kernel/org/org.service.ts'
import { mayHandTo } from '../../kernel/org/item-authority.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import type { Work } from '../../kernel/work.ts'
import { publish } from '../../kernel/events.ts'
import { taskRepo } from './task.repo.ts'
import { claimedTimers, startCycle, stopTimers } from './escalation.service.ts'
import { tellReachedRooms } from '../../kernel/escalation/reached-rooms.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { decide, mayCreateIn, relationsTo, type TaskAction, type TaskRefusal } from './task-rules.ts'
import { isAtOrAbove, isSupervisorOver, maySee } from '../../kernel/org/authority.ts'
import { needTexts, refusalText, taskId, taskTexts } from './task.texts.ts'
import { tellResident } from './need.service.ts'
import type { Need, Task, TaskEvent, TaskStatus } from './task.types.ts'
import { recordDistrict } from '../../kernel/org/city-refs.ts'

export type Actor = MemberWithUnit

/** One command's work on tasks: the unit of work, who acts, and where they typed it. */
export interface TaskOp extends Work {
  actor: Actor
  /** The room the command was typed in. */
  room: BoundRoom
  /** For deterministic keys of what this command posts. */
  messageId: string
}

/** A task id as the command parsed it (T12 → 12). */
export interface TaskRef {
  number: number
  label: string
}

type TaskInUnit = Task & { unit: Unit }

const EVIDENCE_WINDOW_MS = 5 * 60_000
const MAX_TEXT = 500

/** Every refusal task answers with (tests assert these; its texts module words them). */
export type TaskRefusalCode =
  | TaskRefusal
  | 'NEED_NOT_OPEN'
  | 'NEED_NOT_VISIBLE'
  | 'NEED_RACE'
  | 'NEED_UNKNOWN'
  | 'TASK_ALREADY_YOURS'
  | 'TASK_CHANGED'
  | 'TASK_CREATE_DENIED'
  | 'TASK_NOT_VISIBLE'
  | 'TASK_REASSIGN_OUTSIDE'
  | 'TASK_ASSIGN_OUTSIDE'
  | 'TASK_SAME_HOLDER'
  | 'TASK_UNKNOWN'
  | 'TASK_SEVERAL_UNITS'
  | 'TASK_HAND_OUTSIDE'
  | 'TASK_UNIT_NO_ROOM'
const refuse = refuser<TaskRefusalCode>('task')

export async function findTask(op: Pick<TaskOp, 'db' | 'actor' | 'namedDistrict'>, ref: TaskRef): Promise<TaskInUnit> {
  const task = refInRange(ref.number) ? await taskRepo.taskByNumber(op.db, recordDistrict(op, op.actor.unit), ref.number) : null
  if (!task) throw refuse('TASK_UNKNOWN', taskTexts.unknown(ref.label))
  const unit = await orgRepo.unitById(op.db, task.unitId)
  if (!unit || !maySee(op.actor, unit)) throw refuse('TASK_NOT_VISIBLE', taskTexts.notVisible(ref.label, unit?.name ?? ''))
  return { ...task, unit }
}

async function memberName(op: Pick<TaskOp, 'db'>, id: number | null): Promise<string> {
  if (!id) return ''
  return (await orgRepo.membersByIds(op.db, [id]))[0]?.name ?? ''
}

/** The transition table's answer for this actor, or the refusal in words. */
async function authorize(op: TaskOp, task: TaskInUnit, action: TaskAction): Promise<TaskStatus> {
  // Only a volunteer of the task's own unit needs the unit's policy (may volunteers claim here?).
  const volunteersClaim = op.actor.role === 'volunteer' && op.actor.unitId === task.unitId && (await unitContext(op.db, task.unit)).policy.volunteersClaim
  const d = decide(task.status, action, relationsTo(op.actor, task, task.unit, volunteersClaim))
  if (d.ok) return d.to
  const holderName = d.code === 'TASK_TAKEN' || d.code === 'TASK_NOT_HOLDER' ? await memberName(op, task.holderId) : ''
  throw refuse(d.code, refusalText(d.code, action, task, { unitName: task.unit.name, holderName, holderIsYou: task.holderId === op.actor.id }))
}

/** Applies a change only while the task is as it was read (status, holder, cycle): someone else may have been first. */
async function change(op: TaskOp, task: TaskInUnit, data: Parameters<typeof taskRepo.transition>[3]): Promise<void> {
  const ok = await taskRepo.transition(op.db, task.id, { status: task.status, holderId: task.holderId, escalationCycle: task.escalationCycle }, data)
  if (!ok) throw refuse('TASK_CHANGED', taskTexts.changed(task))
}

async function event(op: TaskOp, task: Pick<Task, 'id'>, kind: string, from: TaskStatus | null, to: TaskStatus | null, note?: string | null) {
  await taskRepo.addEvent(op.db, {
    taskId: task.id,
    at: op.now,
    kind,
    actorId: op.actor.id,
    roomId: op.room.id,
    fromStatus: from,
    toStatus: to,
    note: note ?? null,
  })
}

/**
 * The holder loses the task to someone else's decision (cancelled, taken over, reassigned): they are told in the
 * task's own room, @-ed, so their work stops there. When the command was typed in that room, its reply names
 * them instead (returned as `formerHolder`), so the room gets one message, not two.
 */
async function tellFormerHolder(op: TaskOp, task: TaskInUnit, text: (t: TaskInUnit) => string): Promise<MemberWithUnit | null> {
  if (!task.holderId || task.holderId === op.actor.id) return null
  const [holder] = await orgRepo.membersByIds(op.db, [task.holderId])
  if (!holder) return null
  if (op.room.id === task.roomId) return holder
  const room = await orgRepo.roomById(op.db, task.roomId)
  if (room?.wxRoomId)
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text: text(task), mentionIds: [holder.wxid] },
      jobId('former-holder', task.id, op.messageId),
    )
  return null
}

export interface NewTask {
  title: string
  urgent: boolean
  deadline: Date | null
  notify: MemberWithUnit[]
  needNumber?: number
  /** A unit named with @ (`#任务 清理楼道 @华府社区5号网格`): the task is for it. */
  forUnit?: Unit | null
}

/**
 * The unit a new task is for: the unit named, else the unit of the person named when it is below the room's unit
 * (naming a person implies their unit), else the room's own. Refused when the people named are in several units
 * below, or outside the unit named.
 */
function targetUnit(op: TaskOp, input: NewTask): Unit {
  const here = op.room.unit
  if (input.forUnit) {
    const outside = input.notify.find((m) => !isAtOrAbove(input.forUnit!, m.unit) && !isAtOrAbove(m.unit, input.forUnit!))
    if (outside) throw refuse('TASK_ASSIGN_OUTSIDE', taskTexts.assignOutside(outside.name, input.forUnit.name, input.title))
    return input.forUnit
  }
  const below = [...new Map(input.notify.filter((m) => m.unitId !== here.id && isAtOrAbove(here, m.unit)).map((m) => [m.unitId, m.unit])).values()]
  if (below.length > 1)
    throw refuse(
      'TASK_SEVERAL_UNITS',
      taskTexts.severalUnits(
        below.map((u) => u.name),
        input.title,
      ),
    )
  return below[0] ?? here
}

export async function createTask(op: TaskOp, input: NewTask) {
  const here = op.room.unit
  const unit = targetUnit(op, input)
  const district = districtOf(unit)
  const handedDown = unit.id !== here.id
  // Work is handed only into the assigner's own subtree, from a group of that unit or one above it.
  if (handedDown && !(mayHandTo(op.actor, unit) && isAtOrAbove(here, unit)))
    throw refuse('TASK_HAND_OUTSIDE', taskTexts.handOutside(unit.name, op.actor.unit.name, input.title))
  if (!mayCreateIn(op.actor, unit)) throw refuse('TASK_CREATE_DENIED', taskTexts.createDenied(unit.name))
  // Whoever is named must belong to the task unit's line (issue #29, item 10): a cadre of another grid who sits in
  // this group is refused by name, as #转派 refuses, and nothing is created.
  const outside = input.notify.find((m) => !maySee(m, unit) && !isAtOrAbove(unit, m.unit))
  if (outside) throw refuse('TASK_ASSIGN_OUTSIDE', taskTexts.assignOutside(outside.name, unit.name, input.title))
  const room = handedDown ? await unitRoom(op, unit.id) : op.room
  if (!room?.wxRoomId) throw refuse('TASK_UNIT_NO_ROOM', taskTexts.unitNoRoom(unit.name))
  let needDbId: number | null = null
  let resident: Need | null = null
  let title = input.title
  if (input.needNumber !== undefined) {
    const n = input.needNumber
    const need = refInRange(n) ? await taskRepo.needByNumber(op.db, district, n) : null
    if (!need) throw refuse('NEED_UNKNOWN', taskTexts.needUnknown(n))
    const needUnit = await orgRepo.unitById(op.db, need.unitId)
    if (!needUnit || !maySee(op.actor, needUnit)) throw refuse('NEED_NOT_VISIBLE', taskTexts.needNotVisible(n, needUnit?.name ?? ''))
    if (need.status !== 'open' && need.status !== 'pending') throw refuse('NEED_NOT_OPEN', taskTexts.needNotOpen(n, need.status === 'converted'))
    needDbId = need.id
    if (need.reporterWxid) resident = need
    // Converted from a room above, the need's personal data stays in its own unit: the task's title is masked.
    title ||= textFor(op.room.unitId, need.unitId, need.description)
  }
  const number = await taskRepo.nextNumber(op.db, district, 'T')
  const ctx = await unitContext(op.db, unit)
  const task = await taskRepo.createTask(op.db, {
    districtId: district,
    number,
    unitId: unit.id,
    roomId: room.id,
    assignedFromUnitId: handedDown ? here.id : null,
    assignedFromRoomId: handedDown ? op.room.id : null,
    title: title.slice(0, 200),
    priority: input.urgent ? 'urgent' : 'normal',
    deadline: input.deadline,
    creatorId: op.actor.id,
    needId: needDbId,
    notifyWxids: input.notify.map((m) => m.wxid),
    createdAt: op.now,
  })
  const cycle = startCycle(task, 'unclaimed', op.now, ctx, op.effects, task.id)
  await taskRepo.transition(op.db, task.id, {}, cycle)
  if (needDbId && !(await taskRepo.convertNeed(op.db, needDbId, task.id))) throw refuse('NEED_RACE', taskTexts.needRace(input.needNumber!))
  const from = input.needNumber !== undefined ? taskTexts.fromNeed(input.needNumber) : null
  await event(op, task, 'created', null, 'open', handedDown ? taskTexts.handedDownNote(here.name, unit.name, from) : from)
  if (handedDown) await announceHandedDown(op, { ...task, ...cycle }, room, input.notify)
  if (resident) await tellResident(op, resident, needTexts.residentConverted(resident, task, unit.name), `converted-${op.messageId}`)
  return { ...task, ...cycle, unit, handedDown }
}

/** A task handed down is announced in its unit's group, @-ing the people named (or, none named, the unit's cadres). */
async function announceHandedDown(op: TaskOp, task: Task, room: Room, named: MemberWithUnit[]) {
  const people = named.length ? named : await orgRepo.membersIn(op.db, [task.unitId], ['grid_cadre'])
  op.effects.post(
    {
      accountId: room.accountId,
      roomId: room.wxRoomId!,
      text: taskTexts.handedDown(
        task,
        op.actor.name,
        op.room.unit.name,
        people.map((m) => m.name),
      ),
      mentionIds: people.map((m) => m.wxid),
      urgent: task.priority === 'urgent',
    },
    jobId('handed-down', task.id, op.messageId),
  )
}

/** The group a handed-down task came from hears what became of it (claimed, done, handed back), unless it already did. */
function tellAssigner(op: TaskOp, task: TaskInUnit, text: string, what: string) {
  const id = task.assignedFromRoomId
  if (!id || id === op.room.id || id === task.roomId || task.escalatedRoomIds.includes(id)) return Promise.resolve()
  return orgRepo.roomById(op.db, id).then((room) => {
    if (room?.wxRoomId)
      op.effects.post(
        { accountId: room.accountId, roomId: room.wxRoomId, text: maskPersonalData(text), mentionIds: [] },
        jobId('assigner', task.id, what, op.messageId),
      )
  })
}

export async function claimTask(op: TaskOp, ref: TaskRef) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'claim')
  try {
    return await assign(op, task, op.actor, 'claimed')
  } catch (e) {
    // Lost a race: someone claimed it a moment earlier. Say who, as for any claim of a claimed task.
    const now = (e as AppError).code === 'TASK_CHANGED' ? await taskRepo.taskById(op.db, task.id) : null
    if (now?.status === 'claimed') await authorize(op, { ...task, ...now }, 'claim')
    throw e
  }
}

/** Gives an open or claimed task to `holder`; stops its escalation and tells the rooms it reached. */
async function assign(op: TaskOp, task: TaskInUnit, holder: MemberWithUnit, how: 'claimed' | 'taken_over' | 'reassigned') {
  const ctx = await unitContext(op.db, task.unit)
  const timers = claimedTimers(task, op.now, ctx, op.effects, task.id)
  await change(op, task, { status: 'claimed', holderId: holder.id, claimedAt: op.now, ...timers })
  await event(op, task, how, task.status, 'claimed', how === 'claimed' ? null : taskTexts.assignedNote(holder.name))
  await tellReachedRooms(op.db, op.effects, task, taskTexts.reachedTaken(task, task.unit.name, how, holder.name), `${how}-${op.messageId}`, op.room.id)
  await tellAssigner(op, task, taskTexts.reachedTaken(task, task.unit.name, how, holder.name), how)
  return { task, holder }
}

export async function progressTask(op: TaskOp, ref: TaskRef, text: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'progress')
  // Progress on an open task from a cadre of its own unit: she is doing it, so she holds it (its clock stops).
  if (task.status === 'open' && op.actor.unitId === task.unitId) {
    await authorize(op, task, 'claim')
    await assign(op, task, op.actor, 'claimed')
    await event(op, task, 'progress', 'claimed', 'claimed', text.slice(0, MAX_TEXT))
    return { ...task, claimedNow: true }
  }
  await event(op, task, 'progress', task.status, task.status, text.slice(0, MAX_TEXT))
  return { ...task, claimedNow: false }
}

export async function completeTask(op: TaskOp, ref: TaskRef, result: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'complete')
  await change(op, task, {
    status: 'done',
    holderId: task.holderId ?? op.actor.id,
    result: result.slice(0, MAX_TEXT),
    closedAt: op.now,
    ...stopTimers,
    escalationCycle: task.escalationCycle + 1,
  })
  const evidence = (await taskRepo.attachEvidence(op.db, op.actor.id, task.id, new Date(op.now.getTime() - EVIDENCE_WINDOW_MS), op.now)).count
  await event(op, task, 'completed', task.status, 'done', result.slice(0, MAX_TEXT))
  await tellReachedRooms(op.db, op.effects, task, taskTexts.reachedDone(task, task.unit.name), `done-${op.messageId}`, op.room.id)
  await tellAssigner(op, task, taskTexts.reachedDone(task, task.unit.name, result), 'done')
  const need = task.needId ? await taskRepo.needById(op.db, task.needId) : null
  if (need?.reporterWxid) await tellResident(op, need, needTexts.residentDone(need, result.slice(0, MAX_TEXT)), `done-${op.messageId}`)
  // Points, resources and projects credit the completion in this transaction (their notes end the reply).
  const holderId = task.holderId ?? op.actor.id
  const holder = holderId === op.actor.id ? op.actor : ((await orgRepo.membersByIds(op.db, [holderId]))[0] ?? null)
  const notes = await publish(op, 'task.completed', { task: { ...task, holderId }, ref: taskId(task), holder, actorId: op.actor.id })
  return { task, evidence, notes }
}

/** When the member last completed a task, if within the evidence window (0: not): images after it may be its. */
export async function recentCompletionAt(w: Work, memberId: number): Promise<number> {
  return (await taskRepo.recentlyCompletedBy(w.db, memberId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS)))?.closedAt?.getTime() ?? 0
}

/** An image a member sends within 5 minutes after completing a task becomes its evidence. */
export async function attachLateEvidence(w: Work, memberId: number, mediaAt: Date) {
  const task = await taskRepo.recentlyCompletedBy(w.db, memberId, new Date(w.now.getTime() - EVIDENCE_WINDOW_MS))
  if (!task) return null
  await taskRepo.attachEvidence(w.db, memberId, task.id, mediaAt, mediaAt)
  await taskRepo.addEvent(w.db, { taskId: task.id, at: w.now, kind: 'evidence', actorId: memberId })
  return task
}

export async function abandonTask(op: TaskOp, ref: TaskRef, reason: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'abandon')
  const cycle = startCycle(task, 'unclaimed', op.now, await unitContext(op.db, task.unit), op.effects, task.id)
  await change(op, task, { status: 'open', holderId: null, claimedAt: null, nextReminderAt: null, ...cycle })
  await event(op, task, 'abandoned', 'claimed', 'open', reason || null)
  return task
}

export async function cancelTask(op: TaskOp, ref: TaskRef, reason: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'cancel')
  await change(op, task, { status: 'cancelled', closedAt: op.now, ...stopTimers, escalationCycle: task.escalationCycle + 1 })
  await event(op, task, 'cancelled', task.status, 'cancelled', reason || null)
  // The need it was made from was not met: it is open again, to be turned into another task or closed.
  const need = task.needId && (await taskRepo.reopenNeed(op.db, task.needId, task.id)) ? await taskRepo.needById(op.db, task.needId) : null
  await tellReachedRooms(op.db, op.effects, task, taskTexts.reachedCancelled(task, task.unit.name), `cancel-${op.messageId}`, op.room.id)
  const formerHolder = await tellFormerHolder(op, task, (t) => taskTexts.holderCancelled(t, op.actor.name, reason))
  return { task, formerHolder, reopenedNeed: need?.number ?? null }
}

export async function takeOverTask(op: TaskOp, ref: TaskRef) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'take_over')
  if (task.holderId === op.actor.id) throw refuse('TASK_ALREADY_YOURS', taskTexts.alreadyYours(task))
  const r = await assign(op, task, op.actor, 'taken_over')
  const formerHolder = await tellFormerHolder(op, task, (t) => taskTexts.holderReplaced(t, `${op.actor.name} 已接手`))
  // Nobody held it: the task's own group (where level 0 posted it) hears the take-over too, as the rooms above do.
  if ((!task.holderId || task.holderId === op.actor.id) && task.roomId !== op.room.id) {
    const room = await orgRepo.roomById(op.db, task.roomId)
    if (room?.wxRoomId)
      op.effects.post(
        { accountId: room.accountId, roomId: room.wxRoomId, text: taskTexts.reachedTaken(task, task.unit.name, 'taken_over', op.actor.name), mentionIds: [] },
        jobId('taken-own', task.id, op.messageId),
      )
  }
  return { ...r, formerHolder }
}

export async function reassignTask(op: TaskOp, ref: TaskRef, to: MemberWithUnit) {
  const found = await findTask(op, ref)
  await authorize(op, found, 'reassign')
  // To anyone of the task unit's line, or down into its subtree (then the task moves to that person's unit) — and
  // never outside the subtree of whoever reassigns.
  const down = to.unitId !== found.unitId && isAtOrAbove(found.unit, to.unit)
  if (!maySee(to, found.unit) && !(down && mayHandTo(op.actor, to.unit)))
    throw refuse('TASK_REASSIGN_OUTSIDE', taskTexts.reassignOutside(to.name, found.unit.name))
  if (found.holderId === to.id) throw refuse('TASK_SAME_HOLDER', taskTexts.sameHolder(found, to.name))
  const task = down ? await moveDown(op, found, to.unit) : found
  const r = await assign(op, task, to, 'reassigned')
  const formerHolder = await tellFormerHolder(op, found, (t) => taskTexts.holderReplaced(t, `${op.actor.name} 已转派给 ${to.name}`))
  // The new holder hears it in the task's own room.
  const room = await orgRepo.roomById(op.db, task.roomId)
  if (room?.wxRoomId) {
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text: taskTexts.reassignedToYou(task, op.actor.name), mentionIds: [to.wxid] },
      jobId('reassign', task.id, op.messageId),
    )
  }
  return { ...r, formerHolder }
}

/** Moves a task to a unit below its own (#转派 down): it belongs there now, and remembers where it came from. */
async function moveDown(op: TaskOp, task: TaskInUnit, unit: Unit): Promise<TaskInUnit> {
  const room = await unitRoom(op, unit.id)
  if (!room?.wxRoomId) throw refuse('TASK_UNIT_NO_ROOM', taskTexts.unitNoRoom(unit.name))
  const from = { assignedFromUnitId: task.assignedFromUnitId ?? task.unitId, assignedFromRoomId: task.assignedFromRoomId ?? task.roomId }
  await change(op, task, { unitId: unit.id, roomId: room.id, ...from })
  return { ...task, unitId: unit.id, roomId: room.id, unit, ...from }
}

/**
 * #退回: the unit a task was handed to gives it back up with a reason. It is open again in the unit and group it came
 * from, escalating from there, and the assigner is told there.
 */
export async function handBackTask(op: TaskOp, ref: TaskRef, reason: string) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'hand_back')
  if (!task.assignedFromUnitId || !task.assignedFromRoomId) throw refuse('TASK_NOT_HANDED_DOWN', taskTexts.notHandedDown(task, task.unit.name))
  const unit = await orgRepo.unitById(op.db, task.assignedFromUnitId)
  const room = await orgRepo.roomById(op.db, task.assignedFromRoomId)
  if (!unit || !room) throw refuse('TASK_NOT_HANDED_DOWN', taskTexts.notHandedDown(task, task.unit.name))
  const cycle = startCycle(task, 'unclaimed', op.now, await unitContext(op.db, unit), op.effects, task.id)
  await change(op, task, {
    status: 'open',
    holderId: null,
    claimedAt: null,
    nextReminderAt: null,
    unitId: unit.id,
    roomId: room.id,
    assignedFromUnitId: null,
    assignedFromRoomId: null,
    ...cycle,
  })
  await event(op, task, 'handed_back', task.status, 'open', taskTexts.handedBackNote(unit.name, reason))
  const assigner = (await orgRepo.membersByIds(op.db, [task.creatorId]))[0]
  if (room.wxRoomId)
    op.effects.post(
      {
        accountId: room.accountId,
        roomId: room.wxRoomId,
        text: maskPersonalData(taskTexts.handedBack(task, task.unit.name, op.actor.name, reason)),
        mentionIds: assigner ? [assigner.wxid] : [],
      },
      jobId('hand-back', task.id, op.messageId),
    )
  return { task, toUnit: unit }
}

export async function chaseTask(op: TaskOp, ref: TaskRef) {
  const task = await findTask(op, ref)
  await authorize(op, task, 'chase')
  const room = await orgRepo.roomById(op.db, task.roomId)
  const targets = task.holderId ? await orgRepo.membersByIds(op.db, [task.holderId]) : await orgRepo.membersIn(op.db, [task.unitId], ['grid_cadre'])
  await event(op, task, 'chased', task.status, task.status)
  if (room?.wxRoomId) {
    const text = taskTexts.chase(task, op.actor.name, task.holderId !== null)
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text, mentionIds: targets.map((m) => m.wxid), urgent: task.priority === 'urgent' },
      jobId('chase', task.id, op.messageId),
    )
  }
  return { task, targets, inOwnRoom: task.roomId === op.room.id }
}

/**
 * A task and its whole record. Read from a room of another unit it comes masked (the command masks it); `full`
 * asks for it unmasked there, which is audited as an event of the task.
 */
export async function taskHistory(
  op: TaskOp,
  ref: TaskRef,
  full = false,
): Promise<{ task: TaskInUnit; events: TaskEvent[]; names: Map<number, string>; evidence: number; unmasked: boolean }> {
  const task = await findTask(op, ref)
  // In full only in a group of the task's unit or one above it — never in a sibling's group, whose people it is not for.
  const disclose = full && isAtOrAbove(op.room.unit, task.unit)
  if (disclose && op.room.unitId !== task.unitId) await event(op, task, 'disclosed', task.status, task.status, taskTexts.disclosedNote(op.room.unit.name))
  const events = await taskRepo.events(op.db, task.id)
  const people = await orgRepo.membersByIds(op.db, [
    ...new Set([task.holderId, task.creatorId, ...events.map((e) => e.actorId)].filter((x): x is number => x !== null)),
  ])
  const names = new Map(people.map((p) => [p.id, p.name]))
  const evidence = await taskRepo.countEvidence(op.db, task.id)
  return { task, events, names, evidence, unmasked: op.room.unitId === task.unitId || disclose }
}

export { taskId }
