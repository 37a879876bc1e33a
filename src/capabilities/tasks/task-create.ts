// A new task: in the room's unit, or handed down to a unit below (named with @, or the unit of the person named),
// possibly made from a need (#任务 转 N1), which is then converted and its resident told.
import { refInRange } from '../../parser/refs.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type MemberWithUnit, type Unit } from '../../kernel/org/org.types.ts'
import { unitRoom } from '../../kernel/org/org.service.ts'
import { mayHandTo } from '../../kernel/org/item-authority.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { isAtOrAbove, maySee } from '../../kernel/org/authority.ts'
import { taskRepo } from './task.repo.ts'
import { startCycle } from './escalation.service.ts'
import { mayCreateIn } from './task-rules.ts'
import { needTexts, taskTexts } from './task.texts.ts'
import { tellResident } from './need.service.ts'
import { tellNeedReached } from './need-clock.service.ts'
import { needClockTexts } from './need-clock.texts.ts'
import type { Need } from './task.types.ts'
import { refuse, type TaskOp } from './task-op.ts'
import { event } from './task-change.ts'
import { announceHandedDown } from './task-tell.ts'
import { taskCreated } from './task-events.ts'

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
  const named = input.forUnit
  if (named) {
    const outside = input.notify.find((m) => !isAtOrAbove(named, m.unit) && !isAtOrAbove(m.unit, named))
    if (outside) throw refuse('TASK_ASSIGN_OUTSIDE', taskTexts.assignOutside(outside.name, named.name, input.title))
    return named
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

/** The need a task is made from (#任务 转 N1): it must be open (or a resident's, pending) and the actor's to see. */
async function needToConvert(op: TaskOp, district: number, n: number): Promise<Need> {
  const need = refInRange(n) ? await taskRepo.needByNumber(op.db, district, n) : null
  if (!need) throw refuse('NEED_UNKNOWN', taskTexts.needUnknown(n))
  const needUnit = await orgRepo.unitById(op.db, need.unitId)
  if (!needUnit || !maySee(op.actor, needUnit)) throw refuse('NEED_NOT_VISIBLE', taskTexts.needNotVisible(n, needUnit?.name ?? ''))
  if (need.status !== 'open' && need.status !== 'pending') throw refuse('NEED_NOT_OPEN', taskTexts.needNotOpen(n, need.status === 'converted'))
  return need
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
  const need = input.needNumber !== undefined ? await needToConvert(op, district, input.needNumber) : null
  const resident = need?.reporterWxid ? need : null
  // Converted from a room above, the need's personal data stays in its own unit: the task's title is masked.
  const title = input.title || (need ? textFor(op.room.unitId, need.unitId, need.description) : '')
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
    needId: need?.id ?? null,
    notifyWxids: input.notify.map((m) => m.wxid),
    createdAt: op.now,
  })
  const cycle = startCycle(task, 'unclaimed', op.now, ctx, op.effects, task.id)
  await taskRepo.transition(op.db, task.id, {}, cycle)
  if (need && !(await taskRepo.convertNeed(op.db, need.id, task.id))) throw refuse('NEED_RACE', taskTexts.needRace(need.number))
  if (need)
    await tellNeedReached(op.db, op.effects, need, (u) => needClockTexts.reachedConverted(need, u, task.number), `converted-${op.messageId}`, op.room.id)
  const from = input.needNumber !== undefined ? taskTexts.fromNeed(input.needNumber) : null
  await event(op, task, 'created', null, 'open', handedDown ? taskTexts.handedDownNote(here.name, unit.name, from) : from)
  await taskCreated(op, task)
  if (handedDown) await announceHandedDown(op, { ...task, ...cycle }, room, input.notify)
  if (resident) await tellResident(op, resident, needTexts.residentConverted(resident, task, unit.name), `converted-${op.messageId}`)
  return { ...task, ...cycle, unit, handedDown }
}
