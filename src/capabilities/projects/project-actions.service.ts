// The verbs a project shares with tasks (#22): #放弃 (the holder lets it go: open again, escalating), #取消 (the
// creator or a supervisor above), #接手 (a supervisor above takes it), #转派 (the creator or a supervisor above gives it
// to a cadre of the unit or below). Who may is the kernel's authority table, through project-rules.ts.
import { refuser } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { tellReachedRooms } from '../../kernel/escalation/reached-rooms.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { MemberWithUnit } from '../../kernel/org/org.types.ts'
import { authorize, event, findProject, projectContext, startProjectCycle, type ProjectInUnit, type ProjectOp, type ProjectRef } from './project.service.ts'
import { projectRelations } from './project-rules.ts'
import { projectRepo } from './project.repo.ts'
import { projectTexts } from './project.texts.ts'

type Code = 'PROJECT_CHANGED' | 'PROJECT_REASSIGN_OUTSIDE' | 'PROJECT_ALREADY_YOURS'
const refuse = refuser<Code>('project')
const W = projectTexts.what

async function change(op: ProjectOp, p: ProjectInUnit, data: Parameters<typeof projectRepo.transition>[3]) {
  if (!(await projectRepo.transition(op.db, p.id, { status: p.status, holderId: p.holderId, escalationCycle: p.escalationCycle }, data)))
    throw refuse('PROJECT_CHANGED', projectTexts.changed(p))
}

/** The holder who lost the project to someone else's decision hears it, @-ed, in the project's own group. */
async function tellHolder(op: ProjectOp, p: ProjectInUnit, what: string) {
  if (!p.holderId || p.holderId === op.actor.id) return
  const [holder] = await orgRepo.membersByIds(op.db, [p.holderId])
  const room = await orgRepo.roomById(op.db, p.roomId)
  if (holder && room?.wxRoomId)
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text: projectTexts.reachedChanged(p, p.unit.name, what), mentionIds: [holder.wxid] },
      jobId('project-holder', p.id, op.messageId),
    )
}

export async function abandonProject(op: ProjectOp, ref: ProjectRef, reason: string) {
  const p = await findProject(op, ref)
  await authorize(op, p, 'abandon')
  const ctx = await projectContext(op.db, p.unit)
  await change(op, p, { status: 'open', holderId: null, claimedAt: null, ...startProjectCycle(p, op.now, ctx.policy, op.effects) })
  await event(op, p, 'abandoned', 'claimed', 'open', reason || null)
  await tellHolder(op, p, W.abandonedBy(op.actor.name))
  return p
}

export async function cancelProject(op: ProjectOp, ref: ProjectRef, reason: string) {
  const p = await findProject(op, ref)
  await authorize(op, p, 'cancel')
  await change(op, p, { status: 'cancelled', closedAt: op.now, nextEscalationAt: null, escalationCycle: p.escalationCycle + 1 })
  await event(op, p, 'cancelled', p.status, 'cancelled', reason || null)
  await tellReachedRooms(op.db, op.effects, p, projectTexts.reachedChanged(p, p.unit.name, W.cancelled()), `project-cancel-${op.messageId}`, op.room.id)
  await tellHolder(op, p, W.cancelledBy(op.actor.name, reason))
  return p
}

/** #接手 (to = the actor) and #转派 (to = the person named): the project is theirs now; its escalation stops. */
export async function giveProject(op: ProjectOp, ref: ProjectRef, to: MemberWithUnit | null) {
  const p = await findProject(op, ref)
  const holder = to ?? op.actor
  await authorize(op, p, to ? 'reassign' : 'take_over')
  if (p.holderId === holder.id) throw refuse('PROJECT_ALREADY_YOURS', projectTexts.reachedChanged(p, p.unit.name, W.heldBy(holder.name)))
  const r = projectRelations(holder, p, p.unit)
  if (to && !r.has('cadre') && !r.has('supervisor')) throw refuse('PROJECT_REASSIGN_OUTSIDE', projectTexts.reassignOutside(to.name, p.unit.name))
  await change(op, p, { status: 'claimed', holderId: holder.id, claimedAt: op.now, nextEscalationAt: null, escalationCycle: p.escalationCycle + 1 })
  await event(op, p, to ? 'reassigned' : 'taken_over', p.status, 'claimed', to ? to.name : null)
  await tellReachedRooms(op.db, op.effects, p, projectTexts.reachedTaken(p, p.unit.name, holder.name), `project-given-${op.messageId}`, op.room.id)
  await tellHolder(op, p, to ? W.reassignedBy(op.actor.name, to.name) : W.takenOverBy(op.actor.name))
  const room = to ? await orgRepo.roomById(op.db, p.roomId) : null
  if (to && room?.wxRoomId)
    op.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text: projectTexts.reachedChanged(p, p.unit.name, W.toYou(op.actor.name)), mentionIds: [to.wxid] },
      jobId('project-to', p.id, op.messageId),
    )
  return p
}
