// The org file's `policies.activities`: when those signed up are reminded, whether hours credited by an organiser
// who is a supervisor above the attendee are approved at once, the kinds of activity and the teams (四支队伍), and
// what `#活动签到` asks for (a location within a radius of the activity's, a photo; late after the start + grace).
// Merged down the tree (nearest unit wins, per key; checkIn per field).
import { z } from 'zod'
import { fromLocal, toLocal } from '../../core/local-time.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import { overrideKeys, resolveSlice, type PolicySlice } from '../../kernel/policy/slice.ts'
import { DEFAULT_ACTIVITY_KINDS, type ActivityKindDef } from '../../parser/activity-args.ts'

const kindInput = z
  .object({
    name: z.string().trim().min(1).max(12),
    /** Words of an activity's name that make it this kind (the name itself always does). */
    words: z.array(z.string().trim().min(1).max(12)).max(30).optional(),
    /** Attending counts as a 议事 check-in. */
    meeting: z.boolean().optional(),
  })
  .strict()

const checkInInput = z
  .object({
    /** Metres from the activity's location a sign-in's location may be (0: no location asked). */
    radius: z.number().int().min(0).max(50_000).optional(),
    /** A photo is asked with each sign-in: always, never, or for these kinds. */
    photo: z.union([z.boolean(), z.array(z.string().trim().min(1))]).optional(),
    /** Minutes after the start a sign-in is still on time. */
    grace: z.number().int().min(0).max(240).optional(),
  })
  .strict()

export const activityPolicyInput = z
  .object({
    /** The hour (local) of the evening-before reminder; false: none. */
    eveningBefore: z.union([z.number().int().min(12).max(23), z.literal(false)]).optional(),
    /** Hours before the start of the last reminder; 0: none. */
    hoursBefore: z.number().min(0).max(24).optional(),
    /** Hours credited by an organiser who is a supervisor above the attendee are approved at once. */
    supervisorApproves: z.boolean().optional(),
    /** The district's kinds (replaces the defaults; the first is the one given when no word matches). */
    kinds: z.array(kindInput).min(1).max(30).optional(),
    /** The teams an activity may carry (a word of #活动 naming one sets it; else the organiser's first team). */
    teams: z.array(z.string().trim().min(1).max(20)).max(30).optional(),
    checkIn: checkInInput.optional(),
  })
  .strict()

export type ActivityPatch = z.infer<typeof activityPolicyInput>

export interface ActivityPolicy {
  eveningBefore: number | false
  hoursBefore: number
  supervisorApproves: boolean
  kinds: readonly ActivityKindDef[]
  /** Empty: any team of the organiser's. */
  teams: readonly string[]
  checkIn: { radius: number; photo: boolean | readonly string[]; grace: number }
}

export const DEFAULT_ACTIVITY_POLICY: ActivityPolicy = {
  eveningBefore: 20,
  hoursBefore: 1,
  supervisorApproves: true,
  kinds: DEFAULT_ACTIVITY_KINDS,
  teams: [],
  checkIn: { radius: 500, photo: false, grace: 10 },
}

/** A validated block in its stored form: kinds with their words and flag spelled out. */
type StoredPatch = Omit<ActivityPatch, 'kinds'> & { kinds?: ActivityKindDef[] }
function toActivityPatch(validated: unknown): StoredPatch {
  const { kinds, ...rest } = validated as ActivityPatch
  return kinds ? { ...rest, kinds: kinds.map((k) => ({ name: k.name, words: k.words ?? [], meeting: k.meeting ?? false })) } : rest
}

/** A nearer unit's stored block: each key it sets wins, checkIn per field. */
function mergeActivityPolicy(into: ActivityPolicy, patch: unknown): ActivityPolicy {
  const p = patch as StoredPatch
  return { ...overrideKeys(into, p), checkIn: overrideKeys(into.checkIn, p.checkIn) }
}

/** The capability's slice (its index declares it); the kernel validates and stores it at org import. */
export const activityPolicy: PolicySlice<ActivityPolicy> = {
  key: 'activities',
  input: activityPolicyInput,
  defaults: DEFAULT_ACTIVITY_POLICY,
  toPatch: toActivityPatch,
  merge: mergeActivityPolicy,
}

/** The policy in force at a unit, from the stored blocks of its chain (district first). */
export const resolveActivityPolicy = (chain: readonly unknown[]): ActivityPolicy => resolveSlice(activityPolicy, chain)

export async function activityPolicyFor(db: DbOrTx, unit: Unit): Promise<ActivityPolicy> {
  const chain = [...(await orgRepo.ancestors(db, unit)), unit]
  return resolveActivityPolicy(chain.map((u) => u.policy))
}

/** Does a sign-in to an activity of this kind need a photo? */
export const photoAsked = (policy: ActivityPolicy, kind: string) =>
  typeof policy.checkIn.photo === 'boolean' ? policy.checkIn.photo : policy.checkIn.photo.includes(kind)

/** Is attendance at `at` late (after the start and the grace)? */
export const isLate = (startsAt: Date, at: Date, policy: ActivityPolicy) => at.getTime() > startsAt.getTime() + policy.checkIn.grace * 60_000

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
  for (const [i, at] of times.entries()) if (i >= from && at.getTime() > now.getTime()) return { step: i, at }

  return null
}
