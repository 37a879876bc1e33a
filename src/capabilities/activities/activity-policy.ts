// The org file's `policies.activities`: when those signed up are reminded, and whether hours credited by an organiser
// who is a supervisor above the attendee are approved at once. Merged down the tree (nearest unit wins, per key).
import { z } from 'zod'
import { fromLocal, toLocal } from '../../core/local-time.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import { resolveSlice, type PolicySlice } from '../../kernel/policy/slice.ts'

export const activityPolicyInput = z
  .object({
    /** The hour (local) of the evening-before reminder; false: none. */
    eveningBefore: z.union([z.number().int().min(12).max(23), z.literal(false)]).optional(),
    /** Hours before the start of the last reminder; 0: none. */
    hoursBefore: z.number().min(0).max(24).optional(),
    /** Hours credited by an organiser who is a supervisor above the attendee are approved at once. */
    supervisorApproves: z.boolean().optional(),
  })
  .strict()

export type ActivityPatch = z.infer<typeof activityPolicyInput>

export interface ActivityPolicy {
  eveningBefore: number | false
  hoursBefore: number
  supervisorApproves: boolean
}

export const DEFAULT_ACTIVITY_POLICY: ActivityPolicy = { eveningBefore: 20, hoursBefore: 1, supervisorApproves: true }

/** The capability's slice (its index declares it): stored as validated, each key a nearer unit sets wins. */
export const activityPolicy: PolicySlice<ActivityPolicy> = { key: 'activities', input: activityPolicyInput, defaults: DEFAULT_ACTIVITY_POLICY }

/** The policy in force at a unit, from the stored blocks of its chain (district first). */
export const resolveActivityPolicy = (chain: readonly unknown[]): ActivityPolicy => resolveSlice(activityPolicy, chain)

export async function activityPolicyFor(db: DbOrTx, unit: Unit): Promise<ActivityPolicy> {
  const chain = [...(await orgRepo.ancestors(db, unit)), unit]
  return resolveActivityPolicy(chain.map((u) => u.policy))
}

/** The reminders of an activity starting at `startsAt`, in order: the evening before, then hours before. */
export function reminderTimes(startsAt: Date, policy: ActivityPolicy): Date[] {
  const out: Date[] = []
  const hourBefore = policy.hoursBefore > 0 ? new Date(startsAt.getTime() - policy.hoursBefore * 3_600_000) : null
  if (policy.eveningBefore !== false) {
    const d = toLocal(startsAt)
    const evening = fromLocal(d.year, d.month, d.day - 1, policy.eveningBefore)
    // Too close to the last one (an early-morning activity): only the last is sent.
    if (!hourBefore || hourBefore.getTime() - evening.getTime() >= 3_600_000) out.push(evening)
  }
  if (hourBefore) out.push(hourBefore)
  return out
}

/** The next reminder from step `from` on that is still to come at `now`: its step and time, or null. */
export function nextReminder(startsAt: Date, now: Date, policy: ActivityPolicy, from = 0): { step: number; at: Date } | null {
  const times = reminderTimes(startsAt, policy)
  for (let i = from; i < times.length; i++) if (times[i]!.getTime() > now.getTime()) return { step: i, at: times[i]! }
  return null
}
