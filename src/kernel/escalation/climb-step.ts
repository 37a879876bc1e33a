// One step of an item nobody took climbing the tree (needs, projects): level 0 in the item's own group @-ing the
// cadres its capability names (its unit's supervisors when there are none; never the person who raised it), then
// one unit up per level @-ing that unit's supervisors in every room of that unit, the text masked (personal data
// stays in the item's own group). The capability says who and what; finishEscalationStep posts and moves the row on.
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../org/org.repo.ts'
import type { Unit } from '../org/org.types.ts'
import { toRoom } from '../org/room-message.ts'
import type { TaskPolicy } from '../policy/policy.ts'
import type { StepOutcome } from '../timers/timer-step.ts'
import type { Clock } from './clock.ts'
import { finishEscalationStep, type ClaimedStep, type EscalationPost, type EscalationTail } from './escalation-tail.ts'
import { levelZeroMentions } from './level-zero.ts'

type Cadres = Awaited<ReturnType<typeof orgRepo.membersIn>>

export interface ClimbStep {
  db: DbOrTx
  effects: Effects
  now: Date
  decision: EscalationTail['decision']
  timer: EscalationTail['timer']
  /** Outbox keys: `${keyPrefix}|id|cycle|level|room` (jobId). */
  keyPrefix: string
  item: {
    roomId: number
    /** Who raised it (never @-ed at level 0). */
    raiserId: number | null
    createdAt: Date
    escalationBase: Date | null
    nextEscalationAt: Date | null
    escalatedRoomIds: number[]
  }
  /** The item's unit and its chain from the district down to it, with the policy in force there. */
  unit: Unit
  chain: Unit[]
  policy: TaskPolicy
  clock: Clock
  /** The cadres level 0 @-s. */
  cadres(): Promise<Cadres>
  /** The level-0 text in the item's own group, and the text for a level above (masked here). */
  nudge(waited: number): string
  escalated(level: number, waited: number): string
  claim(step: ClaimedStep): Promise<boolean>
  record(roomId: number | null): PromiseLike<unknown>
}

async function levelZeroPosts(c: ClimbStep, waited: number): Promise<EscalationPost[]> {
  const { db, timer } = c
  const room = await orgRepo.roomById(db, c.item.roomId)
  const cadres = await c.cadres()
  const supervisors = cadres.length ? [] : await orgRepo.membersIn(db, [c.unit.id], ['supervisor'])
  const who = levelZeroMentions({ cadres, supervisors, raiserId: c.item.raiserId })
  if (!room?.wxRoomId) return []
  const mentions = who.map((m) => m.wxid)
  return [{ roomId: room.id, message: toRoom(room, c.nudge(waited), mentions), key: jobId(c.keyPrefix, timer.subjectId, timer.cycle, 0, room.id) }]
}

async function abovePosts(c: ClimbStep, waited: number): Promise<EscalationPost[]> {
  const { db, timer } = c
  const target = c.chain[c.chain.length - 1 - timer.level]
  if (!target) return []
  const sups = (await orgRepo.membersIn(db, [target.id], ['supervisor'])).map((s) => s.wxid)
  const text = maskPersonalData(c.escalated(timer.level, waited))
  return (await orgRepo.roomsOfUnit(db, target.id)).map((room) => ({
    roomId: room.id,
    message: toRoom(room, text, sups),
    key: jobId(c.keyPrefix, timer.subjectId, timer.cycle, timer.level, room.id),
  }))
}

export async function runClimbStep(c: ClimbStep): Promise<StepOutcome> {
  const base = c.item.escalationBase ?? c.item.createdAt
  const waited = c.now.getTime() - base.getTime()
  const posts = c.timer.level === 0 ? await levelZeroPosts(c, waited) : await abovePosts(c, waited)
  return finishEscalationStep({
    effects: c.effects,
    now: c.now,
    decision: c.decision,
    timer: c.timer,
    row: c.item,
    posts,
    pace: { kind: 'unclaimed', base, clock: c.clock, policy: c.policy, depth: c.chain.length - 1 },
    claim: c.claim,
    record: c.record,
  })
}
