// #退回 P3 理由 (#22): the unit a project was handed down to gives it back up with a reason, as tasks are handed back.
// Who may is the kernel's authority table (its holder, or while nobody holds it a cadre of that unit). It is open
// again in the unit and group it came from, waiting to be taken up and climbing from there; the assigner is @-ed.
import { refuser } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { authorize, event, findProject, projectContext, startProjectCycle, type ProjectOp, type ProjectRef } from './project.service.ts'
import { projectRepo } from './project.repo.ts'
import { projectTexts } from './project.texts.ts'

const refuse = refuser<'PROJECT_NOT_HANDED_DOWN' | 'PROJECT_CHANGED'>('project')

export async function handBackProject(op: ProjectOp, ref: ProjectRef, reason: string) {
  const p = await findProject(op, ref)
  await authorize(op, p, 'hand_back')
  const unit = p.assignedFromUnitId ? await orgRepo.unitById(op.db, p.assignedFromUnitId) : null
  const room = p.assignedFromRoomId ? await orgRepo.roomById(op.db, p.assignedFromRoomId) : null
  if (!unit || !room) throw refuse('PROJECT_NOT_HANDED_DOWN', projectTexts.notHandedDown(p, p.unit.name))
  const ctx = await projectContext(op.db, unit)
  const ok = await projectRepo.transition(
    op.db,
    p.id,
    { status: p.status, holderId: p.holderId, escalationCycle: p.escalationCycle },
    {
      status: 'open',
      holderId: null,
      claimedAt: null,
      unitId: unit.id,
      roomId: room.id,
      assignedFromUnitId: null,
      assignedFromRoomId: null,
      ...startProjectCycle(p, op.now, ctx.policy, op.effects),
    },
  )
  if (!ok) throw refuse('PROJECT_CHANGED', projectTexts.changed(p))
  await event(op, p, 'handed_back', p.status, 'open', projectTexts.handedBackNote(unit.name, reason))
  const [assigner] = await orgRepo.membersByIds(op.db, [p.creatorId])
  if (room.wxRoomId)
    op.effects.post(
      {
        accountId: room.accountId,
        roomId: room.wxRoomId,
        text: maskPersonalData(projectTexts.handedBack(p, p.unit.name, op.actor.name, reason)),
        mentionIds: assigner ? [assigner.wxid] : [],
      },
      jobId('project-hand-back', p.id, op.messageId),
    )
  return { project: p, toUnit: unit }
}
