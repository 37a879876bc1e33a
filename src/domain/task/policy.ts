// Escalation and reminder policy: pure functions of state and time (no I/O), so every timing rule is unit-tested.
// Policies come from the org file (`policies:` on any unit) and are inherited down the tree.
import { z } from 'zod'
import { fromLocal, toLocal } from '../../core/local-time.ts'
import { clock, duration } from '../policy-fields.ts'
import {
  DEFAULT_HAZARD_POLICY,
  hazardPolicyInput,
  mergeHazardPolicy,
  toHazardPatch,
  type HazardPolicy,
  type HazardPolicyPatch,
} from '../hazard/hazard-policy.ts'
import { pointsPolicyInput, type PointsPatch } from '../points/points-policy.ts'
import { projectPolicyInput, type ProjectPatch } from '../project/project-policy.ts'
import { evaluationPolicyInput, type EvaluationPatch } from '../evaluation/evaluation-policy.ts'
import {
  DEFAULT_NOTICE_POLICY,
  mergeNoticePolicy,
  noticePolicyInput,
  toNoticePatch,
  type NoticePolicy,
  type NoticePolicyPatch,
} from '../notice/notice-policy.ts'
import { digestPolicyInput, type DigestPatch } from '../digest/digest-policy.ts'

/** The keys an org file may set under `policies:` (all optional; a unit's keys override its ancestors'). */
export const policyInput = z
  .object({
    escalation: z
      .object({ normal: duration.optional(), urgent: duration.optional(), levels: z.number().int().min(0).max(10).optional() })
      .partial()
      .optional(),
    reminders: z.array(duration).optional(),
    quietHours: z.union([z.object({ start: clock, end: clock }), z.literal(false)]).optional(),
    /** Whether the unit's volunteers may claim (and so complete) its tasks, as its cadres do. Default: no. */
    volunteersClaim: z.boolean().optional(),
    /** Hazard reports: routing per category, verification timers, the duplicate check (hazard-policy.ts). */
    hazards: hazardPolicyInput.optional(),
    /** Points and rankings (domain/points/points-policy.ts owns these keys and their merging). */
    points: pointsPolicyInput.optional(),
    /** Projects (领题攻坚): their escalation period and the 六个一 they credit (domain/project/project-policy.ts). */
    projects: projectPolicyInput.optional(),
    /** Cadre evaluation: weights and caps of the score's inputs (domain/evaluation/evaluation-policy.ts). */
    evaluation: evaluationPolicyInput.optional(),
    /** Notices: the delivery SLA and the escalation of unacknowledged rooms (notice/notice-policy.ts). */
    notices: noticePolicyInput.optional(),
    /** Digests (日报 · 周报 · 月报): cron per kind, or false (digest/digest-policy.ts). */
    digests: digestPolicyInput.optional(),
  })
  .strict()

export interface TaskPolicy {
  periodMs: { normal: number; urgent: number }
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
}

export const DEFAULT_POLICY: TaskPolicy = {
  periodMs: { normal: 10 * 60_000, urgent: 3 * 60_000 },
  levels: undefined,
  remindersMs: [24 * 3_600_000, 3_600_000],
  quietHours: { start: 22 * 60, end: 7 * 60 },
  volunteersClaim: false,
  hazards: DEFAULT_HAZARD_POLICY,
  notices: DEFAULT_NOTICE_POLICY,
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

/** A unit's own policy block, validated and converted once (at org import) into what resolvePolicy merges. */
export interface PolicyPatch {
  v: 1
  periodMs?: { normal?: number; urgent?: number }
  levels?: number
  remindersMs?: number[]
  quietHours?: { start: number; end: number } | null
  volunteersClaim?: boolean
  hazards?: HazardPolicyPatch
  /** Stored as validated; merged by resolvePointsPolicy, not here. */
  points?: PointsPatch
  /** Stored as validated; merged by resolveProjectPolicy and resolveEvaluationPolicy, not here. */
  projects?: ProjectPatch
  evaluation?: EvaluationPatch
  notices?: NoticePolicyPatch
  /** Stored as validated; merged by resolveDigestPolicy, not here. */
  digests?: DigestPatch
}

/** Validates an org file's `policies:` block and converts it; problems in Chinese (for the org import). */
export function toPolicyPatch(raw: unknown): { ok: true; patch: PolicyPatch } | { ok: false; problems: string[] } {
  const r = policyInput.safeParse(raw ?? {})
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || 'policies'}: ${i.message}`) }
  const v = r.data
  const patch: PolicyPatch = { v: 1 }
  if (v.escalation?.normal || v.escalation?.urgent) patch.periodMs = { normal: v.escalation.normal, urgent: v.escalation.urgent }
  if (v.escalation?.levels !== undefined) patch.levels = v.escalation.levels
  if (v.reminders) patch.remindersMs = [...v.reminders].sort((a, b) => b - a)
  if (v.quietHours !== undefined) patch.quietHours = v.quietHours ? { start: minutes(v.quietHours.start), end: minutes(v.quietHours.end) } : null
  if (v.volunteersClaim !== undefined) patch.volunteersClaim = v.volunteersClaim
  if (v.hazards) patch.hazards = toHazardPatch(v.hazards)
  if (v.points) patch.points = v.points
  if (v.projects) patch.projects = v.projects
  if (v.evaluation) patch.evaluation = v.evaluation
  if (v.notices) patch.notices = toNoticePatch(v.notices)
  if (v.digests) patch.digests = v.digests
  return { ok: true, patch }
}

export const isPatch = (x: unknown): x is PolicyPatch => typeof x === 'object' && x !== null && (x as { v?: unknown }).v === 1

/** Blocks stored before patches existed (raw org-file form), converted once per process, not on every claim. */
const legacy = new Map<string, PolicyPatch | null>()
function patchOf(stored: unknown): PolicyPatch | null {
  if (!stored || typeof stored !== 'object') return null
  if (isPatch(stored)) return stored
  const key = JSON.stringify(stored)
  if (!legacy.has(key)) {
    const r = toPolicyPatch(stored)
    legacy.set(key, r.ok ? r.patch : null) // validated at import; a bad block never half-applies
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
    if (v.remindersMs) p.remindersMs = v.remindersMs
    if (v.quietHours !== undefined) p.quietHours = v.quietHours
    if (v.volunteersClaim !== undefined) p.volunteersClaim = v.volunteersClaim
    p.hazards = mergeHazardPolicy(p.hazards, v.hazards)
    p.notices = mergeNoticePolicy(p.notices, v.notices)
  }
  return p
}

/** Problems in a `policies:` block, in Chinese (for org import). */
export function policyProblems(raw: unknown): string[] {
  if (isPatch(raw)) return [] // the stored form, as `gridbot org export` writes it
  const r = toPolicyPatch(raw)
  return r.ok ? [] : r.problems
}

/** Moves a normal-priority time out of quiet hours (to when they end); urgent is never held. */
export function deferQuiet(at: Date, urgent: boolean, quiet: TaskPolicy['quietHours']): Date {
  if (urgent || !quiet || quiet.start === quiet.end) return at
  const l = toLocal(at)
  const m = l.hour * 60 + l.minute
  const overnight = quiet.start > quiet.end
  const inside = overnight ? m >= quiet.start || m < quiet.end : m >= quiet.start && m < quiet.end
  if (!inside) return at
  const endHour = Math.floor(quiet.end / 60)
  const endMin = quiet.end % 60
  const dayShift = overnight && m >= quiet.start ? 1 : 0
  return fromLocal(l.year, l.month, l.day + dayShift, endHour, endMin)
}

export type EscalationKind = 'unclaimed' | 'overdue'

/**
 * When level `level` of a cycle is due. Unclaimed work waits one period before level 0 (task created → level 0
 * after one period, level 1 after two …); overdue work starts at the deadline. Never sooner than one period
 * after the previous post (so a deferred step does not bunch the next ones), and out of quiet hours.
 */
export function escalationDueAt(a: { kind: EscalationKind; base: Date; level: number; lastAt: Date | null; urgent: boolean; policy: TaskPolicy }): Date {
  const period = a.urgent ? a.policy.periodMs.urgent : a.policy.periodMs.normal
  const offset = a.kind === 'unclaimed' ? 1 : 0
  const planned = a.base.getTime() + (a.level + offset) * period
  const spaced = a.lastAt ? Math.max(planned, a.lastAt.getTime() + period) : planned
  return deferQuiet(new Date(spaced), a.urgent, a.policy.quietHours)
}

/** The highest level a task in a unit at `depth` may reach: its own room is 0, the district's room is `depth`. */
export function maxLevel(depth: number, policy: TaskPolicy): number {
  return policy.levels === undefined ? depth : Math.min(depth, policy.levels)
}

/** The next reminder before a deadline not yet sent and still ahead; skips offsets already in the past. */
export function nextReminder(a: { deadline: Date; sent: number; now: Date; urgent: boolean; policy: TaskPolicy }): { index: number; at: Date } | null {
  for (let i = a.sent; i < a.policy.remindersMs.length; i++) {
    const at = new Date(a.deadline.getTime() - a.policy.remindersMs[i]!)
    if (at.getTime() > a.now.getTime()) {
      const deferred = deferQuiet(at, a.urgent, a.policy.quietHours)
      // A reminder pushed past the deadline by quiet hours is pointless: the overdue notice comes instead.
      if (deferred.getTime() < a.deadline.getTime()) return { index: i, at: deferred }
    }
  }
  return null
}

/** "2小时5分钟", "10分钟", "3天2小时" — how long something has waited. */
export function formatWait(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000))
  const d = Math.floor(min / 1440)
  const h = Math.floor((min % 1440) / 60)
  const m = min % 60
  return [d ? `${d}天` : '', h ? `${h}小时` : '', m || (!d && !h) ? `${m}分钟` : ''].join('')
}
