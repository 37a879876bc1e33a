// The end of an escalation step, the same for every record that climbs the tree (tasks, hazards, projects): each
// service decides what to post for its step; this posts it and moves the row on. A repost (an earlier run committed
// and may have died before posting) posts again under the same keys and schedules the next step again; otherwise
// the step is claimed with a conditional update (another run got there first: stale), recorded, posted and the next
// step scheduled, in the caller's transaction.
import type { Effects } from '../../core/effects.ts'
import type { OutboundMessage } from '../../core/message.ts'
import type { TimerKind } from '../../core/ports.ts'
import type { StepDecision } from './step.ts'
import type { TaskPolicy } from '../policy/policy.ts'
import { escalationDueAt, maxLevel, type EscalationKind } from './schedule.ts'
import type { StepOutcome } from '../timers/timer-step.ts'
import type { Clock } from './clock.ts'

export interface EscalationPost {
  /** The room row it goes to (kept in `escalatedRoomIds`: those rooms hear what became of the record). */
  roomId: number
  message: OutboundMessage
  key: string
}

/** What a step writes when it claims its level. */
export interface ClaimedStep {
  escalationLevel: number
  lastEscalatedAt: Date
  nextEscalationAt: Date | null
  escalatedRoomIds: number[]
}

export interface EscalationTail {
  effects: Effects
  now: Date
  decision: Exclude<StepDecision, 'stale'>
  timer: { kind: TimerKind; subjectId: number; cycle: number; level: number }
  row: { nextEscalationAt: Date | null; escalatedRoomIds: number[] }
  posts: EscalationPost[]
  /** What the next step's time depends on (none after the top of the tree, `depth` levels up or the policy's cap). */
  pace: { kind: EscalationKind; base: Date; clock: Clock; policy: TaskPolicy; depth: number }
  /** The conditional update of the record's row (false: another run took this step). */
  claim(step: ClaimedStep): Promise<boolean>
  /** The record's audit event for the step (`roomId`: the first room posted to, null when there was none). */
  record(roomId: number | null): PromiseLike<unknown>
}

export async function finishEscalationStep(t: EscalationTail): Promise<StepOutcome> {
  const { effects, timer, posts } = t
  const scheduleNext = (dueAt: Date) => effects.schedule({ kind: timer.kind, subjectId: timer.subjectId, cycle: timer.cycle, step: timer.level + 1, dueAt })
  if (t.decision === 'repost') {
    for (const p of posts) effects.post(p.message, p.key)
    if (t.row.nextEscalationAt) scheduleNext(t.row.nextEscalationAt)
    return 'reposted'
  }
  const { pace } = t
  const nextAt =
    timer.level < maxLevel(pace.depth, pace.policy)
      ? escalationDueAt({ kind: pace.kind, base: pace.base, level: timer.level + 1, lastAt: t.now, clock: pace.clock, quietHours: pace.policy.quietHours })
      : null
  const claimed = await t.claim({
    escalationLevel: timer.level,
    lastEscalatedAt: t.now,
    nextEscalationAt: nextAt,
    escalatedRoomIds: [...new Set([...t.row.escalatedRoomIds, ...posts.map((p) => p.roomId)])],
  })
  if (!claimed) return 'stale'
  await t.record(posts[0]?.roomId ?? null)
  for (const p of posts) effects.post(p.message, p.key)
  if (nextAt) scheduleNext(nextAt)
  return 'posted'
}
