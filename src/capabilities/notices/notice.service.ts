// Notices down the tree: the fan-out (planner → one outbox row and one delivery per room, in the transaction that
// records the notice), acknowledgements per room, the sender's marks and failures, and #通知 状态. Timers (the SLA
// summary, re-@ and escalation) are in notice-escalation.service.ts; schedules in notice-schedule.service.ts.
import { UsageError } from '../../core/errors.ts'
import { must } from '../../core/must.ts'
import { jobId } from '../../core/ids.ts'
import type { OutboundMessage } from '../../core/message.ts'
import type { SendPace } from '../../core/ports.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { unitNamed } from '../../kernel/org/org.service.ts'
import { districtOf, type MemberWithUnit, type Room, type Unit } from '../../kernel/org/org.types.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import { quietSpan } from '../../kernel/escalation/quiet-hours.ts'
import { isAtOrAbove, isSupervisorOver } from '../../kernel/org/authority.ts'
import type { Work } from '../../kernel/work.ts'
import { noticeOrgRepo, noticeRepo } from './notice.repo.ts'
import { chases } from './notice-policy.ts'
import { mayAcknowledge, noticeStepDueAt, OPEN_FOR_MS, pickNotice, refuse, slaDueAt, statusesFor } from './notice-rules.ts'
import { noticeTexts } from './notice.texts.ts'
import { STEP_SLA, type Notice, type NoticeDraft, type StoredPlan } from './notice.types.ts'
import { planFanOut, slaVerdict, type AccountPace } from './planner.ts'
import { isDown } from './notice-tally.ts'

/** Who sends, from where: a supervisor's command, or a schedule on its creator's behalf. */
export interface NoticeOp extends Work {
  member: MemberWithUnit
  room: Room & { unit: Unit }
  /** The default pace of accounts the org file gives none. */
  pace: SendPace
}

/** Groups waiting on a down account named in the plan (the rest counted). */
const WAITING_NAMED = 10

/** Outbox keys of notice posts start with this (the sender's marks are matched to deliveries by it). */
export const NOTICE_KEY = 'notice'
export const noticeKey = (noticeId: number, roomId: number) => jobId(NOTICE_KEY, noticeId, roomId)

export interface SentNotice {
  notice: Notice
  plan: StoredPlan
  targetName: string
  /** Quiet hours hold the summary and re-@ until this time (a normal notice sent at night); null otherwise. */
  held: { until: Date; span: string } | null
}

/** The unit a draft goes to: the room's, or one named with @ in the sender's own subtree. */
async function targetOf(op: NoticeOp, draft: NoticeDraft): Promise<Unit> {
  if (!draft.target) return op.room.unit
  const unit = await unitNamed(op, op.room, draft.target)
  if (!unit) throw new UsageError(noticeTexts.noUnit(draft.target))
  if (!isAtOrAbove(op.member.unit, unit)) throw refuse('NOTICE_NOT_BELOW', noticeTexts.notBelow(unit.name))
  return unit as Unit
}

/** May this member send a notice to `unit` (supervisors and admins of it or above)? */
export function maySendTo(member: MemberWithUnit, unit: Unit): boolean {
  return isSupervisorOver(member, unit)
}

/** The bound rooms a notice goes to (the target's subtree, grids only for 网格, never the sending room). */
async function recipients(op: NoticeOp, draft: NoticeDraft) {
  const target = await targetOf(op, draft)
  if (!maySendTo(op.member, target)) throw refuse('NOTICE_DENIED', noticeTexts.onlySupervisors())
  const rooms = (await noticeOrgRepo.roomsOfSubtree(op.db, target.path, draft.scope === 'grids')).filter((r) => r.id !== op.room.id)
  if (!rooms.length && target.id === op.room.unitId && target.kind === 'grid') {
    // Typed in a grid's own (bound) group: a notice goes to the groups below, and a grid has none.
    const above = target.parentId ? (await orgRepo.roomsOfUnit(op.db, target.parentId))[0] : undefined
    throw refuse('NOTICE_NO_ROOMS', noticeTexts.nothingBelowGrid(target.name, above?.topic ?? null))
  }
  if (!rooms.length) throw refuse('NOTICE_NO_ROOMS', noticeTexts.noRooms(target.name))
  return { target, rooms }
}

type NoticeRoom = Awaited<ReturnType<typeof noticeOrgRepo.roomsOfSubtree>>[number]

/** Which account sends to which room, and the plan the reply and #通知 状态 show. */
async function planDeliveries(op: NoticeOp, rooms: NoticeRoom[], slaMs: number) {
  const accounts = await orgRepo.accounts(op.db)
  const down = new Set(accounts.filter((a) => isDown(a.state)).map((a) => a.id))
  const paces: AccountPace[] = accounts.map((a) => ({
    id: a.id,
    messagesPerSec: a.messagesPerSec ?? op.pace.messagesPerSec,
    jitterMs: op.pace.jitterMs,
    up: !down.has(a.id),
  }))
  // A group whose account is down goes by a backup account in it (the org file's `accounts:`) when one is up.
  const planned = planFanOut(
    rooms.map((r) => ({ roomId: r.id, candidates: down.has(r.accountId) ? [r.accountId, ...r.backupAccountIds] : [r.accountId] })),
    paces,
  )
  // Groups no up account serves still get their delivery, queued on their own account: they go when it is back, and
  // the plan and #通知 状态 name them (issue #23).
  const assignment = [
    ...planned.assignment,
    ...planned.waiting.map((roomId) => ({
      roomId,
      accountId: must(
        rooms.find((r) => r.id === roomId),
        'NOTICE_ROOM_MISSING',
      ).accountId,
    })),
  ]
  const waitingRooms = planned.waiting.map((id) =>
    must(
      rooms.find((r) => r.id === id),
      'NOTICE_ROOM_MISSING',
    ),
  )
  const verdict = slaVerdict(planned, rooms.length, slaMs, op.pace)
  const plan: StoredPlan = {
    rooms: rooms.length,
    accounts: planned.accounts,
    estimateMs: planned.estimateMs,
    slaMs,
    shortfallMs: verdict.shortfallMs,
    accountsNeeded: verdict.accountsNeeded,
    waiting: planned.waiting.length,
    ...(waitingRooms.length
      ? { waitingRooms: waitingRooms.slice(0, WAITING_NAMED).map((r) => r.topic), downAccounts: [...new Set(waitingRooms.map((r) => r.accountId))] }
      : {}),
  }
  return { assignment, plan }
}

/** One delivery row and one outbox post per room, in the notice's transaction. */
async function postDeliveries(
  op: NoticeOp,
  noticeId: number,
  byId: Map<number, NoticeRoom>,
  assignment: { roomId: number; accountId: string }[],
  text: string,
  urgent: boolean,
) {
  const deliveries = assignment.map((a) => ({
    noticeId: noticeId,
    roomId: a.roomId,
    unitId: must(byId.get(a.roomId), 'NOTICE_ROOM_MISSING').unitId,
    accountId: a.accountId,
    outboxKey: noticeKey(noticeId, a.roomId),
    queuedAt: op.now,
  }))
  await noticeRepo.addDeliveries(op.db, deliveries)
  for (const d of deliveries) {
    const message: OutboundMessage = {
      accountId: d.accountId,
      roomId: must(must(byId.get(d.roomId), 'NOTICE_ROOM_MISSING').wxRoomId, 'NOTICE_ROOM_UNBOUND'),
      text,
      mentionIds: [],
      urgent,
    }
    op.effects.post(message, d.outboxKey)
  }
}

/**
 * Sends a notice: every bound room of the target's subtree (grids only for 网格) but the sending room gets the notice
 * from the account the planner assigned, each as an outbox row written with the notice and its delivery rows. The
 * SLA timer is set; the plan (rooms, accounts, estimate against the SLA, shortfall) is returned for the reply.
 */
export async function sendNotice(op: NoticeOp, draft: NoticeDraft, schedule?: { id: number; occurrenceAt: Date }): Promise<SentNotice> {
  const { target, rooms } = await recipients(op, draft)
  const priority = draft.urgent ? 'urgent' : 'normal'
  const { policy } = await unitContext(op.db, op.room.unit)
  const slaMs = policy.notices.slaMs[priority]
  const { assignment, plan } = await planDeliveries(op, rooms, slaMs)
  const districtId = districtOf(op.room.unit)
  const chase = chases(policy.notices, draft.urgent, !!draft.confirm)
  const slaAt = slaDueAt(op.now, priority, policy)
  const nextEscalationAt = noticeStepDueAt(slaAt, 0, priority, policy)
  const notice = await noticeRepo.create(op.db, {
    districtId,
    number: await noticeRepo.nextNumber(op.db, districtId),
    unitId: op.room.unitId,
    roomId: op.room.id,
    senderId: op.member.id,
    targetUnitId: target.id,
    scope: draft.scope,
    text: draft.text,
    priority,
    createdAt: op.now,
    slaAt,
    plan: plan as object,
    scheduleId: schedule?.id ?? null,
    occurrenceAt: schedule?.occurrenceAt ?? null,
    nextEscalationAt,
    chase,
  })
  const byId = new Map(rooms.map((r) => [r.id, r]))
  const from = `${op.room.unit.name} ${op.member.name}`
  // Quiet hours move the summary and re-@ to the morning: the post and the plan say that time, not the SLA's minutes.
  const held = nextEscalationAt.getTime() > slaAt.getTime() && policy.quietHours ? { until: nextEscalationAt, span: quietSpan(policy.quietHours) } : null
  const text = noticeTexts.posted(
    { number: notice.number, text: draft.text, urgent: draft.urgent, slaMs, heldUntil: held?.until, chase, footer: draft.footer },
    from,
  )
  await postDeliveries(op, notice.id, byId, assignment, text, draft.urgent)
  op.effects.schedule({ kind: 'notice_sla', subjectId: notice.id, cycle: 0, step: STEP_SLA, dueAt: nextEscalationAt })
  return { notice: notice as Notice, plan, targetName: target.name, held }
}

export type AckOutcome = 'acknowledged' | 'already' | 'not_counted' | 'none'

/**
 * An acknowledgement in a room (收到, 1, 👌 …, or 收到 B5): counts for the room when it comes from a cadre,
 * supervisor or admin of the room's own unit; anyone else's is ignored. Silent: 1,034 grids answering must not
 * become 1,034 replies on the paced accounts (#通知 状态 shows them).
 */
export async function acknowledge(
  w: Work,
  who: { member: MemberWithUnit | null; room: Room & { unit: Unit } },
  named: number | null,
  note: string | null = null,
): Promise<AckOutcome> {
  if (!mayAcknowledge(who.member, who.room.unitId)) return 'not_counted'
  const rows = await noticeRepo.roomDeliveries(w.db, who.room.id, new Date(w.now.getTime() - OPEN_FOR_MS), named)
  const target = pickNotice(
    rows.map((r) => ({ noticeId: r.noticeId, number: r.notice.number, queuedAt: r.queuedAt, ackAt: r.ackAt })),
    named,
    w.now,
  )
  if (target.kind !== 'ack') return target.kind
  const moved = await noticeRepo.move(w.db, { noticeId: target.noticeId, roomId: who.room.id }, statusesFor('ack'), {
    status: 'acknowledged',
    ackAt: w.now,
    ackById: who.member.id,
    ackByName: who.member.name,
    ackNote: note,
  })
  return moved ? 'acknowledged' : 'already'
}

/** The sender's marks of notice posts (outbox rows WeChat accepted; the capability's outbox hook picks ours): sent. */
export async function deliveriesSent(db: DbOrTx, keys: string[], at: Date): Promise<number> {
  if (!keys.length) return 0
  return noticeRepo.move(db, { outboxKey: { in: keys } }, statusesFor('sent'), { status: 'sent', sentAt: at })
}

/** A notice post whose job gave up (every retry failed): its delivery is failed, with the reason. */
export async function deliveryFailed(db: DbOrTx, key: string, reason: string, at: Date): Promise<number> {
  return noticeRepo.move(db, { outboxKey: { in: [key] } }, statusesFor('failed'), { status: 'failed', failedAt: at, failReason: reason.slice(0, 200) })
}
