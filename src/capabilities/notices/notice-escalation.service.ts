// A notice's timers. At the SLA deadline (step 0): a summary to the sending room ("3/12 个群未确认:…") and a re-@ of
// the cadres of only the unacknowledged rooms. One escalation period later (step 1): each unit still unacknowledged is
// named in its parent unit's rooms, @-ing the parent's supervisors, as tasks escalate. A job carries ids only; the
// step is claimed with a conditional update and its posts are written to the outbox in the same transaction, so a
// retried, duplicated or stale job never posts twice.
import { must } from '../../core/must.ts'
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Room } from '../../kernel/org/org.types.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import { publish } from '../../kernel/events.ts'
import type { Publisher } from '../../kernel/work.ts'
import { noticeOrgRepo, noticeRepo } from './notice.repo.ts'
import { noticeStepDecision, noticeStepDueAt } from './notice-rules.ts'
import { byParent, isDown } from './notice-tally.ts'
import { noticeTexts } from './notice.texts.ts'
import { LEVEL_DONE, STEP_ESCALATE, STEP_SLA, type DeliveryStatus } from './notice.types.ts'

async function loadNotice(db: DbOrTx, id: number) {
  const notice = await noticeRepo.byId(db, id)
  if (!notice) return null
  const unit = await orgRepo.unitById(db, notice.unitId)
  return unit ? { notice, unit } : null
}

/** Step 0 of a notice not chased (issue #23): the sender hears how it was delivered; nobody is re-@-ed or named. */
async function reportDelivery(
  db: DbOrTx,
  effects: Effects,
  notice: { id: number; number: number; text: string; priority: string },
  deliveries: { status: DeliveryStatus }[],
  home: Room | null,
): Promise<StepOutcome> {
  if (!(await noticeRepo.claimStep(db, notice.id, STEP_SLA, { escalationLevel: LEVEL_DONE, nextEscalationAt: null }))) return 'stale'
  const c = { sent: 0, failed: 0, acknowledged: 0 }
  for (const d of deliveries) if (d.status !== 'queued') c[d.status]++
  const all = c.acknowledged === deliveries.length
  const text = all ? noticeTexts.allAcknowledged(notice, deliveries.length) : noticeTexts.delivered(notice, deliveries.length, c)
  if (home?.wxRoomId) effects.post(toRoom(home, text, [], notice.priority === 'urgent'), jobId('notice-sum', notice.id))
  return 'posted'
}

/** The re-@, once in each unacknowledged group, of its grid cadres (else its supervisors). */
async function reAtOnce(
  db: DbOrTx,
  effects: Effects,
  notice: { id: number; number: number; text: string; urgent: boolean },
  open: { roomId: number; status: DeliveryStatus; accountId: string }[],
  rooms: (Room & { unit: { id: number } })[],
): Promise<void> {
  const { id, urgent } = notice
  const people = await noticeOrgRepo.peopleOf(
    db,
    rooms.map((r) => r.unitId),
    ['grid_cadre', 'supervisor'],
  )
  const nudge = noticeTexts.nudge(notice)
  // A group still waiting for its logged-out account has not seen the notice: no re-@ queued behind it (issue #23).
  const down = new Set((await orgRepo.accounts(db)).filter((a) => isDown(a.state)).map((a) => a.id))
  const byRoom = new Map(open.map((d) => [d.roomId, d]))
  for (const r of rooms) {
    const d = must(byRoom.get(r.id), 'NOTICE_DELIVERY_MISSING')
    if (!r.wxRoomId || (d.status === 'queued' && down.has(d.accountId))) continue
    const who = people.filter(
      (p) => p.unitId === r.unitId && (p.role === 'grid_cadre' || !people.some((q) => q.unitId === r.unitId && q.role === 'grid_cadre')),
    )
    // The re-@ goes from the account the notice went out on, so it lands where the notice is.
    effects.post(
      {
        ...toRoom(
          r,
          nudge,
          who.map((p) => p.wxid),
          urgent,
        ),
        accountId: d.accountId,
      },
      jobId('notice-nudge', id, r.id),
    )
  }
}

/** Step 0, at the SLA deadline: the summary to the sending room, and the re-@ in every unacknowledged room. */
export async function runNoticeSla(db: DbOrTx, effects: Effects, now: Date, id: number, step: number, events?: Publisher): Promise<StepOutcome> {
  const loaded = await loadNotice(db, id)
  if (noticeStepDecision(loaded?.notice ?? null, step) === 'stale' || !loaded || step !== STEP_SLA) return 'stale'
  const { notice, unit } = loaded
  const { policy } = await unitContext(db, unit)
  const deliveries = await noticeRepo.deliveries(db, id)
  const open = deliveries.filter((d) => d.status !== 'acknowledged')
  const home = await orgRepo.roomById(db, notice.roomId)
  const urgent = notice.priority === 'urgent'
  if (!notice.chase) return reportDelivery(db, effects, notice, deliveries, home)
  const escalateAt = open.length && policy.notices.escalate ? noticeStepDueAt(notice.slaAt, 1, notice.priority, policy) : null
  const claimed = await noticeRepo.claimStep(db, id, STEP_SLA, { escalationLevel: escalateAt ? STEP_SLA : LEVEL_DONE, nextEscalationAt: escalateAt })
  if (!claimed) return 'stale'
  const sender = (await orgRepo.membersByIds(db, [notice.senderId]))[0]
  if (!open.length) {
    if (home?.wxRoomId) effects.post(toRoom(home, noticeTexts.allAcknowledged(notice, deliveries.length), [], urgent), jobId('notice-sum', id))
    return 'posted'
  }
  const rooms = await noticeOrgRepo.roomsByIds(
    db,
    open.map((d) => d.roomId),
  )
  const names = rooms.map((r) => r.unit.name)
  const failed = open.filter((d) => d.status === 'failed').length
  if (events) {
    const { number, unitId, priority, slaAt } = notice
    const counts = { deliveries: deliveries.length, unacknowledged: open.length, failed }
    await publish({ db, effects, now, events }, 'notice.sla_missed', { notice: { id, number, unitId, priority, slaAt }, ref: `B${number}`, ...counts })
  }
  if (home?.wxRoomId)
    effects.post(
      toRoom(home, noticeTexts.summary(notice, [...new Set(names)], open.length, deliveries.length, failed), sender ? [sender.wxid] : [], urgent),
      jobId('notice-sum', id),
    )
  await reAtOnce(db, effects, { ...notice, urgent }, open, rooms)
  if (escalateAt) effects.schedule({ kind: 'notice_escalate', subjectId: id, cycle: 0, step: STEP_ESCALATE, dueAt: escalateAt })
  return 'posted'
}

/** Step 1: each unit still unacknowledged is named in its parent unit's rooms (not the sending room: it had the summary). */
export async function runNoticeEscalation(db: DbOrTx, effects: Effects, now: Date, id: number, step: number): Promise<StepOutcome> {
  const loaded = await loadNotice(db, id)
  if (noticeStepDecision(loaded?.notice ?? null, step) === 'stale' || !loaded || step !== STEP_ESCALATE) return 'stale'
  const { notice, unit } = loaded
  if (!(await noticeRepo.claimStep(db, id, STEP_ESCALATE, { escalationLevel: LEVEL_DONE, nextEscalationAt: null }))) return 'stale'
  const open = (await noticeRepo.deliveries(db, id)).filter((d) => d.status !== 'acknowledged')
  if (!open.length) return 'posted'
  const rooms = await noticeOrgRepo.roomsByIds(
    db,
    open.map((d) => d.roomId),
  )
  // Unacknowledged units grouped by their parent (the unit that can chase them): one summary per parent group.
  const children = byParent(rooms.sort((a, b) => a.id - b.id).map((r) => ({ unitName: r.unit.name, parentId: r.unit.parentId })))
  const parents = [...children.keys()]
  const parentRooms = (await noticeOrgRepo.roomsOfUnits(db, parents)).filter((r) => r.id !== notice.roomId)
  const sups = await noticeOrgRepo.peopleOf(db, parents, ['supervisor'])
  const waited = now.getTime() - notice.createdAt.getTime()
  for (const r of parentRooms) {
    const units = children.get(r.unitId) ?? []
    // The notice's text leaves the sending unit here: personal data in the excerpt is masked.
    const text = textFor(r.unitId, notice.unitId, noticeTexts.escalated(notice, unit.name, waited, units))
    effects.post(
      toRoom(
        r,
        text,
        sups.filter((s) => s.unitId === r.unitId).map((s) => s.wxid),
        notice.priority === 'urgent',
      ),
      jobId('notice-esc', id, r.id),
    )
  }
  return 'posted'
}
