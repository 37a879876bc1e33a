// The clocks of the kinds of items that climb the tree (issue #22): how long each escalation level waits. Tasks keep
// `escalation.normal/urgent`; hazards have one pace per category (`escalation.hazards`, the categories and their
// defaults are the hazards capability's: hazard-policy.ts); needs not turned into tasks `escalation.needs`; projects
// `projects.escalation`. Validated and converted at org import like every policy block, merged down the tree here.
import { z } from 'zod'
import { duration } from './fields.ts'
import { clockTexts } from '../texts/clock.texts.ts'

/** How long one level waits: normal work (held by quiet hours) and urgent work (never held). */
export interface Pace {
  normal: number
  urgent: number
}

/** One duration (normal work) or { normal, urgent }. */
export const paceInput = z.union([duration, z.object({ normal: duration.optional(), urgent: duration.optional() }).strict()], {
  message: clockTexts.paceFormat,
})

export const toPace = (x: z.output<typeof paceInput>): Partial<Pace> => (typeof x === 'number' ? { normal: x } : { ...x })

const DAY = 24 * 3_600_000

/** Needs not turned into tasks: one level every 3 days (二七's 领题攻坚 sorts its 需求清单 about twice a week). */
export const DEFAULT_NEED_CLOCK_MS = 3 * DAY

export interface ClockPolicy {
  /** Per hazard category code (fire, environment …). */
  hazards: Record<string, Pace>
  needMs: number
  /** From `projects.escalation` (project-policy.ts owns the key; merged here so that one place answers). */
  projectMs: number
}

/** As stored (converted once at import). */
export interface ClockPatch {
  hazards?: Record<string, Partial<Pace>>
  needMs?: number
}

/** The nearer unit's keys win, per category and per normal/urgent. */
export function mergeClocks(into: ClockPolicy, patch: ClockPatch | undefined, projectMs?: number): ClockPolicy {
  if (!patch) return projectMs === undefined ? into : { ...into, projectMs }
  const hazards = { ...into.hazards }
  for (const [k, x] of Object.entries(patch.hazards ?? {})) {
    const was = hazards[k] ?? hazards.other
    if (was) hazards[k] = { normal: x.normal ?? was.normal, urgent: x.urgent ?? was.urgent }
  }
  return { hazards, needMs: patch.needMs ?? into.needMs, projectMs: projectMs ?? into.projectMs }
}
