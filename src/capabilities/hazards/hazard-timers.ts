// What a woken hazard timer should do, decided from the report's row alone (pure, table-tested), and the timers a
// report's row says must be pending (the sweeper's source). Escalation reuses the tasks' step decision.
import type { TimerRequest } from '../../core/ports.ts'
import { stepDecision, type StepDecision } from '../../kernel/escalation/step.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { hazardRepo } from './hazard.repo.ts'
import { UNACKNOWLEDGED, type Hazard } from './hazard.types.ts'

type Row = Pick<Hazard, 'status' | 'escalationCycle' | 'escalationLevel' | 'lastEscalatedAt' | 'verifyStep'>

/** Escalation step `level` of cycle `cycle`: while nobody has taken the report on. */
export function hazardEscalationStep(h: Row | null, cycle: number, level: number, now: Date): StepDecision {
  return stepDecision(
    h && {
      escalationCycle: h.escalationCycle,
      escalationLevel: h.escalationLevel,
      lastEscalatedAt: h.lastEscalatedAt,
      live: UNACKNOWLEDGED.includes(h.status),
    },
    cycle,
    level,
    now,
  )
}

/** Verification step `step` (0: remind the reporter, 1: close by timeout) of cycle `cycle`: while still resolved. */
export function verifyStepDecision(h: Row | null, cycle: number, step: number): 'post' | 'stale' {
  return h && h.escalationCycle === cycle && h.status === 'resolved' && h.verifyStep === step ? 'post' : 'stale'
}

/** The end of the wait for #同 / #不同: while the report is still held. */
export function duplicateWaitDecision(h: Row | null, cycle: number): 'post' | 'stale' {
  return h && h.escalationCycle === cycle && h.status === 'pending_duplicate' ? 'post' : 'stale'
}

export const hazardTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await hazardRepo.pendingTimers(db, before, take, afterId)
    const last = rows.at(-1)
    if (!last) return null
    const timers: TimerRequest[] = []
    for (const h of rows) {
      const cycle = h.escalationCycle
      if (h.nextEscalationAt) timers.push({ kind: 'hazard_escalate', subjectId: h.id, cycle, step: h.escalationLevel + 1, dueAt: h.nextEscalationAt })
      if (h.nextVerifyAt) timers.push({ kind: 'hazard_verify', subjectId: h.id, cycle, step: h.verifyStep, dueAt: h.nextVerifyAt })
      if (h.nextDuplicateAt) timers.push({ kind: 'hazard_duplicate', subjectId: h.id, cycle, step: 0, dueAt: h.nextDuplicateAt })
    }
    return { lastId: last.id, timers }
  },
}
