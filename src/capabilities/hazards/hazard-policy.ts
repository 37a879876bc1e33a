// What the org file's `policies.hazards` may set: which level handles each category, the verification timers, and
// the duplicate check. Validated and converted at import (like every policy block), merged down the tree.
import { z } from 'zod'
import { must } from '../../core/must.ts'
import { duration } from '../../kernel/policy/fields.ts'
import type { PolicySlice } from '../../kernel/policy/slice.ts'
import type { UnitKind } from '../../kernel/org/org.types.ts'
import { categoryOf } from './hazard-categories.ts'
import { categoryOnly } from './hazard-categories.texts.ts'
import type { HazardCategory } from './hazard.types.ts'
import { paceInput, toPace, type Pace } from '../../kernel/policy/clock-policy.ts'

/** A category as an org file names it (消防 … or fire …). */
const categoryKey = z.string().refine((k) => categoryOf(k) !== null, categoryOnly)

const level = z.enum(['grid', 'community', 'town', 'district'])

export const hazardPolicyInput = z
  .object({
    /** Category (消防 … or fire …) → the level that handles it. */
    routing: z.record(categoryKey, level),
    /** A resolved report not verified this long after: its reporter is reminded. */
    verifyReminder: duration,
    /** …and this long after: it closes as verified by timeout. */
    verifyClose: duration,
    /** May whoever resolved a report verify it too? */
    selfVerify: z.boolean(),
    /** Duplicates are looked for among open reports this recent, of the same unit and category… */
    duplicateWindow: duration,
    /** …whose location is within this many metres… */
    duplicateDistance: z.number().positive().max(10_000),
    /** …or whose description is at least this similar (0–1, character pairs in common). */
    duplicateSimilarity: z.number().min(0).max(1),
  })
  .partial()
  .strict()

export interface HazardPolicy {
  routing: Record<HazardCategory, UnitKind>
  verifyReminderMs: number
  verifyCloseMs: number
  selfVerify: boolean
  duplicateWindowMs: number
  duplicateDistanceM: number
  duplicateSimilarity: number
}

const HOUR = 3_600_000

export const DEFAULT_HAZARD_POLICY: HazardPolicy = {
  routing: {
    environment: 'grid',
    other: 'grid',
    fire: 'community',
    electrical: 'community',
    gas: 'community',
    building: 'community',
    traffic: 'town',
    public_order: 'town',
  },
  verifyReminderMs: 24 * HOUR,
  verifyCloseMs: 72 * HOUR,
  selfVerify: false,
  duplicateWindowMs: 7 * 24 * HOUR,
  duplicateDistanceM: 100,
  duplicateSimilarity: 0.5,
}

/** `escalation.hazards`: category (消防 … or fire …) → its pace, one duration (normal reports) or { normal, urgent }. */
export const hazardClocksInput = z.record(categoryKey, paceInput)

const MIN = 60_000

/**
 * Each category's clock by default, for a district like 二七区 (docs/features.md says why): life-safety categories keep
 * 任城's "紧急工作3分钟直达" when urgent and reach the district within hours when not; 用电/治安/交通 a level every 2 hours;
 * 建筑 every 4 hours; what can wait a day (环境, 其他) climbs one level a day.
 */
export const DEFAULT_HAZARD_CLOCKS: Record<HazardCategory, Pace> = {
  fire: { normal: HOUR, urgent: 3 * MIN },
  gas: { normal: HOUR, urgent: 3 * MIN },
  electrical: { normal: 2 * HOUR, urgent: 10 * MIN },
  public_order: { normal: 2 * HOUR, urgent: 10 * MIN },
  traffic: { normal: 2 * HOUR, urgent: 10 * MIN },
  building: { normal: 4 * HOUR, urgent: 10 * MIN },
  environment: { normal: 24 * HOUR, urgent: HOUR },
  other: { normal: 24 * HOUR, urgent: HOUR },
}

/** The stored form of `escalation.hazards`: keyed by category code. */
export function toHazardClocks(v: z.output<typeof hazardClocksInput>): Record<string, Partial<Pace>> {
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [must(categoryOf(k), 'HAZARD_CATEGORY_UNKNOWN'), toPace(x)]))
}

/** A unit's `hazards:` block as stored (converted once at import). */
export interface HazardPolicyPatch {
  routing?: Partial<Record<HazardCategory, UnitKind>>
  verifyReminderMs?: number
  verifyCloseMs?: number
  selfVerify?: boolean
  duplicateWindowMs?: number
  duplicateDistanceM?: number
  duplicateSimilarity?: number
}

export function toHazardPatch(v: z.output<typeof hazardPolicyInput>): HazardPolicyPatch {
  const p: HazardPolicyPatch = {}
  if (v.routing) p.routing = Object.fromEntries(Object.entries(v.routing).map(([k, lv]) => [must(categoryOf(k), 'HAZARD_CATEGORY_UNKNOWN'), lv]))
  if (v.verifyReminder !== undefined) p.verifyReminderMs = v.verifyReminder
  if (v.verifyClose !== undefined) p.verifyCloseMs = v.verifyClose
  if (v.selfVerify !== undefined) p.selfVerify = v.selfVerify
  if (v.duplicateWindow !== undefined) p.duplicateWindowMs = v.duplicateWindow
  if (v.duplicateDistance !== undefined) p.duplicateDistanceM = v.duplicateDistance
  if (v.duplicateSimilarity !== undefined) p.duplicateSimilarity = v.duplicateSimilarity
  return p
}

/** The nearer unit's keys win; routing merges per category. */
export function mergeHazardPolicy(into: HazardPolicy, patch: HazardPolicyPatch | undefined): HazardPolicy {
  if (!patch) return into
  const { routing, ...rest } = patch
  return { ...into, ...rest, routing: { ...into.routing, ...routing } }
}

/** The capability's slice: converted at import (toHazardPatch), merged by mergeHazardPolicy. */
export const hazardPolicy: PolicySlice<HazardPolicy> = {
  key: 'hazards',
  input: hazardPolicyInput,
  defaults: DEFAULT_HAZARD_POLICY,
  toPatch: (v) => toHazardPatch(v as z.output<typeof hazardPolicyInput>),
  merge: (into, patch) => mergeHazardPolicy(into, patch as HazardPolicyPatch),
}
