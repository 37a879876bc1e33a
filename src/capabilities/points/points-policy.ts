// The org file's `policies.points`: how service converts into points, what other work earns, and whether member
// rankings are shown. Validated (zod) at org import as part of the unit's policy block (task/policy.ts composes
// this schema), stored converted, and merged down the tree here (nearest unit wins, key by key).
import { z } from 'zod'
import { overrideKeys, resolveSlice, type PolicySlice } from '../../kernel/policy/slice.ts'

const amount = z.number().min(0).max(1000)

/** The keys under `policies.points` (all optional). */
export const pointsPolicyInput = z
  .object({
    /** Points per hour of approved service. */
    perHour: amount.optional(),
    /** Multipliers per activity: an activity whose name contains the key is multiplied (first match wins). */
    activities: z.record(z.string().min(1), z.number().min(0).max(10)).optional(),
    /** Hours that 半天 means. */
    halfDay: z.number().min(0.5).max(12).optional(),
    /** At most this many hours per person per day. */
    dailyMaxHours: z.number().min(1).max(24).optional(),
    /** Points for a completed task (to its holder); 0 switches it off. */
    task: amount.optional(),
    /** Points for a verified hazard report (to its reporter). */
    hazard: amount.optional(),
    /** Points per check-in, for at most `checkinPerDay` check-ins a day. */
    checkin: amount.optional(),
    checkinPerDay: z.number().int().min(0).max(50).optional(),
    /** Points to a resource's provider (a member) when a task that used the resource is completed. */
    resource: amount.optional(),
    /** Points for a completed project (领题攻坚), to its holder. */
    project: amount.optional(),
    /** false: rankings list units only (each member still sees their own rank). */
    memberRankings: z.boolean().optional(),
  })
  .strict()

export type PointsPatch = z.infer<typeof pointsPolicyInput>

export interface PointsPolicy {
  perHour: number
  activities: Record<string, number>
  halfDay: number
  dailyMaxHours: number
  task: number
  hazard: number
  checkin: number
  checkinPerDay: number
  resource: number
  project: number
  memberRankings: boolean
}

/** Small defaults: service counts most; a task done, a verified hazard and a check-in add a little. */
export const DEFAULT_POINTS_POLICY: PointsPolicy = {
  perHour: 1,
  activities: {},
  halfDay: 4,
  dailyMaxHours: 12,
  task: 2,
  hazard: 1,
  checkin: 0.5,
  checkinPerDay: 2,
  resource: 1,
  project: 5,
  memberRankings: true,
}

/** Merges the `points` part of stored policy blocks from the district down to the unit (nearest wins, per key). */
export const resolvePointsPolicy = (chain: readonly unknown[]): PointsPolicy => resolveSlice(pointsPolicy, chain)

/** The capability's slice: stored as validated; each key set wins, the activities' multipliers merge by name. */
export const pointsPolicy: PolicySlice<PointsPolicy> = {
  key: 'points',
  input: pointsPolicyInput,
  defaults: DEFAULT_POINTS_POLICY,
  merge: (into, patch) => ({ ...overrideKeys(into, patch), activities: { ...into.activities, ...(patch as PointsPatch).activities } }),
}
