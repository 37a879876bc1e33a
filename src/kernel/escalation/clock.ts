// The one answer to "what is the clock of this item" (issue #22): how long each escalation level of a task, hazard,
// need or project waits, and whether quiet hours hold it. Pure; every kind is table-tested (test/unit/clock.test.ts).
import type { TaskPolicy } from '../policy/policy.ts'

/** An item that climbs the tree, as far as its clock is concerned. */
export type ClockItem =
  | { kind: 'task'; urgent: boolean }
  /** `category`: the hazard category's code (fire, environment …; hazards' own vocabulary). */
  | { kind: 'hazard'; category: string; urgent: boolean }
  | { kind: 'need' }
  | { kind: 'project' }

export interface Clock {
  /** One escalation level per this period. */
  periodMs: number
  /** Urgent work is never held by quiet hours. */
  urgent: boolean
}

/** The clock of `item` under the policy in force at its unit (the org file's, inherited down the tree). */
export function clockOf(item: ClockItem, policy: Pick<TaskPolicy, 'periodMs' | 'clocks'>): Clock {
  switch (item.kind) {
    case 'task':
      return { periodMs: item.urgent ? policy.periodMs.urgent : policy.periodMs.normal, urgent: item.urgent }
    case 'hazard': {
      const pace = policy.clocks.hazards[item.category] ?? policy.clocks.hazards.other ?? policy.periodMs
      return { periodMs: item.urgent ? pace.urgent : pace.normal, urgent: item.urgent }
    }
    case 'need':
      return { periodMs: policy.clocks.needMs, urgent: false }
    case 'project':
      return { periodMs: policy.clocks.projectMs, urgent: false }
  }
}
