// Unclaimed projects climb the tree on the tasks' engine (escalation-step.ts, escalationDueAt, maxLevel, quiet
// hours) at the projects' own pace (policies.projects.escalation): level 0 in the project's own group @-ing the
// cadres of its subtree, then one unit up per period @-ing that unit's supervisors. A job carries only ids; the
// handler re-reads the project and claims its step with a conditional update, so it never posts twice.
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import { stepDecision } from '../../kernel/escalation/step.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import { finishEscalationStep, type EscalationPost } from '../../kernel/escalation/escalation-tail.ts'
import { clockOf } from '../../kernel/escalation/clock.ts'
import { levelZeroMentions } from '../../kernel/escalation/level-zero.ts'
import { projectContext } from './project.service.ts'
import { projectRepo } from './project.repo.ts'
import { projectTexts } from './project.texts.ts'
import type { Project } from './project.types.ts'

/** The cadres a level-0 nudge @-s: grid cadres of the project's subtree (the young cadres who 领题), at most this many. */
const MAX_NUDGED = 20

/** Step `level` of cycle `cycle`, decided from the row alone: while the project waits for someone to claim it. */
export function projectEscalationStep(
  p: Pick<Project, 'status' | 'escalationCycle' | 'escalationLevel' | 'lastEscalatedAt'> | null,
  cycle: number,
  level: number,
  now: Date,
) {
  return stepDecision(p && { ...p, live: p.status === 'open' }, cycle, level, now)
}

export async function runProjectEscalation(db: DbOrTx, effects: Effects, now: Date, id: number, cycle: number, level: number): Promise<StepOutcome> {
  const p = await projectRepo.byId(db, id)
  const decision = projectEscalationStep(p, cycle, level, now)
  if (decision === 'stale' || !p) return 'stale'
  const unit = await orgRepo.unitById(db, p.unitId)
  if (!unit) return 'stale'
  const ctx = await projectContext(db, unit)
  const waited = now.getTime() - (p.escalationBase ?? p.createdAt).getTime()
  const posts: EscalationPost[] = []
  if (level === 0) {
    const room = await orgRepo.roomById(db, p.roomId)
    const subtree = await orgRepo.subtree(db, unit)
    const cadres = (
      await orgRepo.membersIn(
        db,
        subtree.map((u) => u.id),
        ['grid_cadre'],
      )
    ).slice(0, MAX_NUDGED)
    const supervisors = cadres.length ? [] : await orgRepo.membersIn(db, [unit.id], ['supervisor'])
    const who = levelZeroMentions({ cadres, supervisors, raiserId: p.creatorId })
    if (room?.wxRoomId)
      posts.push({
        roomId: room.id,
        message: toRoom(
          room,
          projectTexts.unclaimedNudge(p, waited),
          who.map((m) => m.wxid),
        ),
        key: jobId('pj-esc', id, cycle, level, room.id),
      })
  } else {
    const target = ctx.chain[ctx.chain.length - 1 - level]
    if (target) {
      const sups = (await orgRepo.membersIn(db, [target.id], ['supervisor'])).map((s) => s.wxid)
      // Posted in the rooms of units above the project's own: personal data in its title stays in its own group.
      const text = maskPersonalData(projectTexts.escalated(p, { level, unitName: unit.name, waited }))
      for (const room of await orgRepo.roomsOfUnit(db, target.id))
        posts.push({ roomId: room.id, message: toRoom(room, text, sups), key: jobId('pj-esc', id, cycle, level, room.id) })
    }
  }
  return finishEscalationStep({
    effects,
    now,
    decision,
    timer: { kind: 'project_escalate', subjectId: id, cycle, level },
    row: p,
    posts,
    pace: {
      kind: 'unclaimed',
      base: p.escalationBase ?? p.createdAt,
      clock: clockOf({ kind: 'project' }, ctx.policy),
      policy: ctx.policy,
      depth: ctx.chain.length - 1,
    },
    claim: (step) => projectRepo.transition(db, id, { escalationCycle: cycle, escalationLevel: level - 1 }, step),
    record: (roomId) =>
      projectRepo.addEvent(db, { projectId: id, at: now, kind: 'escalated', level, roomId, note: roomId === null ? projectTexts.noRoomEvent() : null }),
  })
}
