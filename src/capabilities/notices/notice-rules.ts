// The notice rules as pure functions of state and time: delivery transitions as one table (status × event → status
// or nothing), when the SLA summary and the escalation are due, which timer step a woken job may run, and which
// notice an acknowledgement in a room is for. Table-tested in test/unit/notice-rules.test.ts.
import type { TaskPolicy } from '../../kernel/policy/policy.ts'
import { deferQuiet } from '../../kernel/escalation/quiet-hours.ts'
import { refuser } from '../../core/errors.ts'
import type { DeliveryStatus, NoticeRefusalCode, Priority } from './notice.types.ts'

/** How notices say no: a code of NoticeRefusalCode and noticeTexts' reply (logged as "notice refused: CODE"). */
export const refuse = refuser<NoticeRefusalCode>('notice')

export type DeliveryEvent = 'sent' | 'failed' | 'ack'

/**
 * Delivery per (notice, room). A post WeChat accepted is sent; one whose job gave up is failed (the sweeper sends it
 * again: failed → sent). An acknowledgement counts whatever the mark says (it may overtake the sent mark). Nothing
 * leaves acknowledged; null: the event changes nothing.
 */
export const DELIVERY_TRANSITIONS: Record<DeliveryStatus, Record<DeliveryEvent, DeliveryStatus | null>> = {
  queued: { sent: 'sent', failed: 'failed', ack: 'acknowledged' },
  sent: { sent: null, failed: null, ack: 'acknowledged' },
  failed: { sent: 'sent', failed: null, ack: 'acknowledged' },
  acknowledged: { sent: null, failed: null, ack: null },
}

/** The statuses an event moves on from (for the repository's conditional update). */
export function statusesFor(event: DeliveryEvent): DeliveryStatus[] {
  return (Object.keys(DELIVERY_TRANSITIONS) as DeliveryStatus[]).filter((s) => DELIVERY_TRANSITIONS[s][event] !== null)
}

/** The SLA's deadline: every room reached and acknowledged by then. */
export function slaDueAt(createdAt: Date, priority: Priority, policy: TaskPolicy): Date {
  return new Date(createdAt.getTime() + policy.notices.slaMs[priority])
}

/**
 * When a timer step is due. Step 0 (summary and re-@) at the SLA deadline; step 1 (escalation to parents) one
 * escalation period later. Normal notices' steps wait out quiet hours, as tasks' escalations do; urgent ones never.
 */
export function noticeStepDueAt(slaAt: Date, step: 0 | 1, priority: Priority, policy: TaskPolicy): Date {
  const urgent = priority === 'urgent'
  const at = step === 0 ? slaAt : new Date(slaAt.getTime() + policy.notices.escalateAfterMs[priority])
  return deferQuiet(at, urgent, policy.quietHours)
}

/** A woken notice timer runs only when the notice still waits for that step (a stale or repeated job does nothing). */
export function noticeStepDecision(row: { escalationLevel: number } | null, step: number): 'post' | 'stale' {
  return row && row.escalationLevel === step - 1 ? 'post' : 'stale'
}

/** A room's delivery as the acknowledgement picker sees it. */
export interface RoomDelivery {
  noticeId: number
  number: number
  queuedAt: Date
  ackAt: Date | null
}

/** A second cadre's 收到 this soon after the room acknowledged its latest notice is for that notice too. */
export const SAME_ACK_MS = 10 * 60_000
/** Notices older than this are no longer acknowledged by a bare 收到 (a quote or 收到 B5 still works). */
export const OPEN_FOR_MS = 7 * 86_400_000

export type AckTarget = { kind: 'ack'; noticeId: number } | { kind: 'already'; noticeId: number } | { kind: 'none' }

/**
 * Which notice an acknowledgement in a room is for. Named (收到 B5, or a quote-reply): that one. Bare: the latest open
 * notice delivered to the room — unless the room acknowledged its very latest notice within SAME_ACK_MS, when a
 * second person's 收到 is for that notice too (two cadres both answering must not acknowledge an older one).
 */
export function pickNotice(deliveries: RoomDelivery[], named: number | null, now: Date): AckTarget {
  if (named !== null) {
    const d = deliveries.find((x) => x.number === named)
    if (!d) return { kind: 'none' }
    return d.ackAt ? { kind: 'already', noticeId: d.noticeId } : { kind: 'ack', noticeId: d.noticeId }
  }
  const recent = deliveries
    .filter((d) => now.getTime() - d.queuedAt.getTime() <= OPEN_FOR_MS)
    .sort((a, b) => b.queuedAt.getTime() - a.queuedAt.getTime() || b.number - a.number)
  const latest = recent[0]
  if (!latest) return { kind: 'none' }
  if (latest.ackAt && now.getTime() - latest.ackAt.getTime() <= SAME_ACK_MS) return { kind: 'already', noticeId: latest.noticeId }
  const open = recent.find((d) => !d.ackAt)
  return open ? { kind: 'ack', noticeId: open.noticeId } : { kind: 'already', noticeId: latest.noticeId }
}

/** Who may acknowledge for a room: a cadre, supervisor or admin of the room's own unit (volunteers and guests not). */
export function mayAcknowledge<M extends { role: string; unitId: number }>(member: M | null, roomUnitId: number): member is M {
  return !!member && member.unitId === roomUnitId && (member.role === 'grid_cadre' || member.role === 'supervisor' || member.role === 'admin')
}
