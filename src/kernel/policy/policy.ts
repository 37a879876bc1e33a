// Escalation and reminder policy: pure functions of state and time (no I/O), so every timing rule is unit-tested.
// Policies come from the org file (`policies:` on any unit) and are inherited down the tree.
import { z, type ZodType } from 'zod'
import { clock, duration } from './fields.ts'
import {
  DEFAULT_HAZARD_CLOCKS,
  DEFAULT_HAZARD_POLICY,
  hazardClocksInput,
  toHazardClocks,
  mergeHazardPolicy,
  type HazardPolicy,
  type HazardPolicyPatch,
} from '../../capabilities/hazards/hazard-policy.ts'
import { DEFAULT_PROJECT_POLICY } from '../../capabilities/projects/project-policy.ts'
import { DEFAULT_NOTICE_POLICY, mergeNoticePolicy, type NoticePolicy, type NoticePolicyPatch } from '../../capabilities/notices/notice-policy.ts'
import { BARE_COMMANDS } from '../../parser/command.ts'
import { checkinKindsInput, toCheckinKinds } from './checkin-kinds.ts'
import { DEFAULT_CHECKIN_KINDS, type CheckinKind } from '../texts/checkin-kinds.texts.ts'
import { DEFAULT_NEED_CLOCK_MS, mergeClocks, type ClockPatch, type ClockPolicy } from './clock-policy.ts'
import type { PolicySlice } from './slice.ts'

/** The kernel's own keys under `policies:`; each capability adds its slice's key (policySchema). */
const kernelKeys = {
  escalation: z
    .object({
      normal: duration.optional(),
      urgent: duration.optional(),
      levels: z.number().int().min(0).max(10).optional(),
      /** Per hazard category (clock-policy.ts, hazard-policy.ts). */
      hazards: hazardClocksInput.optional(),
      /** A need nobody turned into a task climbs one level per this period. */
      needs: duration.optional(),
    })
    .partial()
    .strict()
    .optional(),
  reminders: z.array(duration).optional(),
  quietHours: z.union([z.object({ start: clock, end: clock }), z.literal(false)]).optional(),
  /** Whether the unit's volunteers may claim (and so complete) its tasks, as its cadres do. Default: no. */
  volunteersClaim: z.boolean().optional(),
  /** Commands members may type without # ("签到 巡查 8号楼"): some of BARE_COMMANDS, or [] for none. */
  bareCommands: z.array(z.enum(BARE_COMMANDS)).optional(),
  /** The district's kinds of check-in with their aliases (checkin-kinds.ts); replaces the defaults. */
  checkinKinds: checkinKindsInput.optional(),
}

const schemas = new WeakMap<readonly PolicySlice[], z.ZodObject>()

/** The keys an org file may set under `policies:` (all optional; a unit's keys override its ancestors'): the kernel's
 *  and one per capability slice (hazards, points, projects, activities, evaluation, notices, digests, …). */
export function policySchema(slices: readonly PolicySlice[]): z.ZodObject {
  let schema = schemas.get(slices)
  if (!schema) {
    const keys: Record<string, ZodType> = { ...kernelKeys }
    for (const s of slices) {
      if (keys[s.key]) throw new Error(`policy key ${s.key} is declared twice (or is one of the kernel's)`)
      keys[s.key] = s.input.optional()
    }
    schema = z.object(keys).strict()
    schemas.set(slices, schema)
  }
  return schema
}

export interface TaskPolicy {
  /** Tasks' clock (normal / urgent); the other kinds' clocks are in `clocks` (escalation/clock.ts reads both). */
  periodMs: { normal: number; urgent: number }
  clocks: ClockPolicy
  /** Levels above the task's own room at most (undefined: up to the district). */
  levels: number | undefined
  /** Offsets before a claimed task's deadline at which its holder is reminded, largest first. */
  remindersMs: number[]
  /** Normal (not urgent) escalations and reminders due in this window wait until it ends. */
  quietHours: { start: number; end: number } | null
  /** Volunteers of a task's unit may claim it too (org policy; cadres and supervisors always may). */
  volunteersClaim: boolean
  hazards: HazardPolicy
  notices: NoticePolicy
  /** Command words taken without # (parser/command.ts BARE_COMMANDS; default all of them). */
  bareCommands: readonly string[]
  /** Kinds of check-in (the first: a check-in that names none). */
  checkinKinds: readonly CheckinKind[]
}

export const DEFAULT_POLICY: TaskPolicy = {
  periodMs: { normal: 10 * 60_000, urgent: 3 * 60_000 },
  clocks: { hazards: DEFAULT_HAZARD_CLOCKS, needMs: DEFAULT_NEED_CLOCK_MS, projectMs: DEFAULT_PROJECT_POLICY.escalationMs },
  levels: undefined,
  remindersMs: [24 * 3_600_000, 3_600_000],
  quietHours: { start: 22 * 60, end: 7 * 60 },
  volunteersClaim: false,
  hazards: DEFAULT_HAZARD_POLICY,
  notices: DEFAULT_NOTICE_POLICY,
  bareCommands: BARE_COMMANDS,
  checkinKinds: DEFAULT_CHECKIN_KINDS,
}

const minutes = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** A unit's own policy block, validated and converted once (at org import) into what resolvePolicy merges. */
export interface PolicyPatch {
  v: 1
  periodMs?: { normal?: number; urgent?: number }
  /** Hazards per category and needs (clock-policy.ts). */
  clocks?: ClockPatch
  levels?: number
  remindersMs?: number[]
  quietHours?: { start: number; end: number } | null
  volunteersClaim?: boolean
  /** The capabilities' slices are stored under their keys as their toPatch made them; these two the kernel reads. */
  hazards?: HazardPolicyPatch
  notices?: NoticePolicyPatch
  bareCommands?: string[]
  checkinKinds?: CheckinKind[]
  /** Every other capability slice (points, projects, activities, evaluation, digests, …): read by resolveSlice. */
  [slice: string]: unknown
}

type Parsed = { ok: true; patch: PolicyPatch } | { ok: false; problems: string[] }

/** Validates an org file's `policies:` block against the kernel's keys and every declared slice, and converts it;
 *  problems in Chinese (for the org import). */
export function toPolicyPatch(raw: unknown, slices: readonly PolicySlice[]): Parsed {
  const r = policySchema(slices).safeParse(raw ?? {})
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || 'policies'}: ${i.message}`) }
  return { ok: true, patch: toPatch(r.data as z.output<z.ZodObject<typeof kernelKeys>> & Record<string, unknown>, slices) }
}

function toPatch(v: z.output<z.ZodObject<typeof kernelKeys>> & Record<string, unknown>, slices: readonly PolicySlice[]): PolicyPatch {
  const patch: PolicyPatch = { v: 1 }
  if (v.escalation?.normal || v.escalation?.urgent) patch.periodMs = { normal: v.escalation.normal, urgent: v.escalation.urgent }
  if (v.escalation?.levels !== undefined) patch.levels = v.escalation.levels
  if (v.escalation?.hazards || v.escalation?.needs !== undefined)
    patch.clocks = { hazards: v.escalation.hazards && toHazardClocks(v.escalation.hazards), needMs: v.escalation.needs }
  if (v.reminders) patch.remindersMs = [...v.reminders].sort((a, b) => b - a)
  if (v.quietHours !== undefined) patch.quietHours = v.quietHours ? { start: minutes(v.quietHours.start), end: minutes(v.quietHours.end) } : null
  if (v.volunteersClaim !== undefined) patch.volunteersClaim = v.volunteersClaim
  for (const s of slices) if (v[s.key] !== undefined) patch[s.key] = s.toPatch ? s.toPatch(v[s.key]) : v[s.key]
  if (v.bareCommands) patch.bareCommands = v.bareCommands
  if (v.checkinKinds) patch.checkinKinds = toCheckinKinds(v.checkinKinds)
  return patch
}

export const isPatch = (x: unknown): x is PolicyPatch => typeof x === 'object' && x !== null && (x as { v?: unknown }).v === 1

/** Blocks stored before patches existed (raw org-file form), converted once per process, not on every claim. */
const legacy = new Map<string, PolicyPatch | null>()
function patchOf(stored: unknown): PolicyPatch | null {
  if (!stored || typeof stored !== 'object') return null
  if (isPatch(stored)) return stored
  const key = JSON.stringify(stored)
  if (!legacy.has(key)) {
    // The kernel's keys only (each slice converts its own raw block: slice.ts); validated at import, and a bad block
    // never half-applies.
    const r = policySchema([]).strip().safeParse(stored)
    const patch = r.success ? toPatch(r.data, []) : null
    // The projects' period is also the kernel's project clock (resolvePolicy reads it).
    const projects = duration.safeParse((stored as { projects?: { escalation?: unknown } }).projects?.escalation)
    if (patch && projects.success) patch.projects = { escalation: projects.data }
    legacy.set(key, patch)
  }
  return legacy.get(key) ?? null
}

/** Merges the stored policy blocks from the district down to the unit (nearest wins). No validation here. */
export function resolvePolicy(chain: unknown[]): TaskPolicy {
  const p: TaskPolicy = { ...DEFAULT_POLICY, periodMs: { ...DEFAULT_POLICY.periodMs } }
  for (const stored of chain) {
    const v = patchOf(stored)
    if (!v) continue
    if (v.periodMs?.normal) p.periodMs.normal = v.periodMs.normal
    if (v.periodMs?.urgent) p.periodMs.urgent = v.periodMs.urgent
    if (v.levels !== undefined) p.levels = v.levels
    const projectEscalation = (v.projects as { escalation?: unknown } | undefined)?.escalation
    p.clocks = mergeClocks(p.clocks, v.clocks, typeof projectEscalation === 'number' ? projectEscalation : undefined)
    if (v.remindersMs) p.remindersMs = v.remindersMs
    if (v.quietHours !== undefined) p.quietHours = v.quietHours
    if (v.volunteersClaim !== undefined) p.volunteersClaim = v.volunteersClaim
    p.hazards = mergeHazardPolicy(p.hazards, v.hazards)
    p.notices = mergeNoticePolicy(p.notices, v.notices)
    if (v.bareCommands) p.bareCommands = v.bareCommands
    if (v.checkinKinds) p.checkinKinds = v.checkinKinds
  }
  return p
}

/** Problems in a `policies:` block, in Chinese (for org import). */
export function policyProblems(raw: unknown, slices: readonly PolicySlice[]): string[] {
  if (isPatch(raw)) return [] // the stored form, as `gridbot org export` writes it
  const r = toPolicyPatch(raw, slices)
  return r.ok ? [] : r.problems
}
