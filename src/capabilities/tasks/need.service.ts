// 需求清单: residents' needs collected on patrol, numbered per district (N1, N2 …), later turned into tasks. A
// resident (a guest) may raise one in a grid's group: it waits for the grid's cadres (待网格确认), who accept it into
// the list (#采纳 N3) or close it with a reason (#关闭 N3 理由); the resident hears every change in that group.
import { AppError, refuser } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { districtOf, type BoundRoom, type MemberWithUnit } from '../../kernel/org/org.types.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { may } from '../../kernel/org/item-authority.ts'
import { maySee } from '../../kernel/org/authority.ts'
import { refInRange } from '../../parser/refs.ts'
import type { Work } from '../../kernel/work.ts'
import { needRecorded } from './task-events.ts'
import { taskRepo } from './task.repo.ts'
import { needTexts, taskTexts } from './task.texts.ts'
import type { Need } from './task.types.ts'
import { restartNeedClock, tellNeedReached } from './need-clock.service.ts'
import { needClockTexts } from './need-clock.texts.ts'
import { recordDistrict } from '../../kernel/org/city-refs.ts'

const MAX_DESCRIPTION = 500

export type NeedRefusalCode =
  | 'NEED_TOO_LONG'
  | 'NEED_GUEST_NOT_GRID'
  | 'NEED_UNKNOWN'
  | 'NEED_NOT_VISIBLE'
  | 'NEED_SCREEN_DENIED'
  | 'NEED_NOT_PENDING'
  | 'NEED_CLOSED'
const refuse = refuser<NeedRefusalCode>('need')

/** Who raised a need: a member, or a resident known by contact id and the name they show. */
export type NeedReporter = { member: MemberWithUnit } | { wxid: string; name: string }

export async function recordNeed(w: Work, a: { room: BoundRoom; reporter: NeedReporter; description: string; accountId: string; messageId: string }) {
  const description = a.description.trim()
  if (description.length > MAX_DESCRIPTION) throw new AppError('NEED_TOO_LONG', 'need description too long', taskTexts.needTooLong(MAX_DESCRIPTION))
  const resident = !('member' in a.reporter)
  if (resident && a.room.unit.kind !== 'grid') throw refuse('NEED_GUEST_NOT_GRID', needTexts.guestOnlyInGrid())
  const districtId = districtOf(a.room.unit)
  const number = await taskRepo.nextNumber(w.db, districtId, 'N')
  const need = await taskRepo.createNeed(w.db, {
    districtId,
    number,
    unitId: a.room.unitId,
    roomId: a.room.id,
    ...('member' in a.reporter ? { reporterId: a.reporter.member.id } : { reporterWxid: a.reporter.wxid, reporterName: a.reporter.name }),
    status: resident ? 'pending' : 'open',
    description,
    accountId: a.accountId,
    messageId: a.messageId,
    createdAt: w.now,
  })
  // Nobody screening it or turning it into a task, it climbs the tree on the needs' clock.
  await restartNeedClock(w.db, w.effects, need.id, w.now)
  await needRecorded(w, need)
  return need
}

/** A resident's needs go to the grid's cadres first: they are told in the group, @-ed. */
export async function tellCadresOfPending(w: Work, room: BoundRoom, needs: Need[], residentName: string, messageId: string) {
  const first = needs[0]
  if (!room.wxRoomId || !first) return []
  const cadres = await orgRepo.membersIn(w.db, [room.unitId], ['grid_cadre'])
  w.effects.post(
    { accountId: room.accountId, roomId: room.wxRoomId, text: needTexts.pendingForCadres(needs, residentName), mentionIds: cadres.map((m) => m.wxid) },
    jobId('need-pending', first.id, messageId),
  )
  return cadres
}

interface NeedOp extends Work {
  actor: MemberWithUnit
  room: BoundRoom
  messageId: string
}

async function screenable(op: NeedOp, number: number) {
  const need = refInRange(number) ? await taskRepo.needByNumber(op.db, recordDistrict(op, op.actor.unit), number) : null
  if (!need) throw refuse('NEED_UNKNOWN', taskTexts.needUnknown(number))
  const unit = await orgRepo.unitById(op.db, need.unitId)
  if (!unit || !maySee(op.actor, unit)) throw refuse('NEED_NOT_VISIBLE', taskTexts.needNotVisible(number, unit?.name ?? ''))
  if (!may(op.actor, 'screen', {}, unit)) throw refuse('NEED_SCREEN_DENIED', needTexts.screenDenied(number, unit.name))
  return need
}

/** Tells the resident who raised a need, in the group they raised it in, what became of it. Members are not told. */
export async function tellResident(w: Work, need: Pick<Need, 'id' | 'roomId' | 'reporterWxid'>, text: string, what: string) {
  if (!need.reporterWxid) return
  const room = await orgRepo.roomById(w.db, need.roomId)
  if (room?.wxRoomId)
    w.effects.post({ accountId: room.accountId, roomId: room.wxRoomId, text, mentionIds: [need.reporterWxid] }, jobId('need-resident', need.id, what))
}

/** #采纳 N3: a resident's need joins the unit's list. */
export async function acceptNeed(op: NeedOp, number: number) {
  const need = await screenable(op, number)
  if (need.status !== 'pending') throw refuse('NEED_NOT_PENDING', needTexts.notPending(need))
  if (!(await taskRepo.setNeedStatus(op.db, need.id, ['pending'], { status: 'open' }))) throw refuse('NEED_NOT_PENDING', needTexts.notPending(need))
  // Screened: its climb so far ends, and a fresh one starts (it now waits to be turned into a task).
  await tellNeedReached(op.db, op.effects, need, (unit) => needClockTexts.reachedAccepted(need, unit), `accepted-${op.messageId}`, op.room.id)
  await restartNeedClock(op.db, op.effects, need.id, op.now)
  await tellResident(op, need, needTexts.residentAccepted(need, op.actor.name), `accepted-${op.messageId}`)
  return need
}

/** #关闭 N3 理由: a need is closed with a reason (a resident's turned down, or one met without a task). */
export async function closeNeed(op: NeedOp, number: number, reason: string) {
  const need = await screenable(op, number)
  if (need.status !== 'pending' && need.status !== 'open') throw refuse('NEED_CLOSED', taskTexts.needNotOpen(number, need.status === 'converted'))
  const ok = await taskRepo.setNeedStatus(op.db, need.id, [need.status], {
    status: 'closed',
    closeReason: reason.slice(0, 200),
    closedAt: op.now,
    nextEscalationAt: null,
  })
  if (!ok) throw refuse('NEED_CLOSED', taskTexts.needNotOpen(number, false))
  await tellNeedReached(op.db, op.effects, need, (unit) => needClockTexts.reachedClosed(need, unit, reason), `closed-${op.messageId}`, op.room.id)
  await tellResident(op, need, needTexts.residentClosed(need, reason), `closed-${op.messageId}`)
  return need
}
