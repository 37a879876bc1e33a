// What the org file's `policies.notices` may set: the delivery SLA (the summary and the re-@ of unacknowledged rooms
// come at its deadline), which notices are chased (re-@ and parent summaries; issue #23: by default only urgent ones
// and those marked 需确认) and when unacknowledged rooms are summarised to their parent unit's room. Validated and
// converted at import (like every policy block), merged down the tree (task/policy.ts composes it).
import { z } from 'zod'
import { duration } from '../../kernel/policy/fields.ts'
import type { PolicySlice } from '../../kernel/policy/slice.ts'

const periods = z.object({ normal: duration.optional(), urgent: duration.optional() }).strict()
const flags = z.object({ normal: z.boolean().optional(), urgent: z.boolean().optional() }).strict()

export const noticePolicyInput = z
  .object({
    /** Every room reached and acknowledged within this: "一般工作10分钟直达、紧急工作3分钟直达". */
    sla: periods,
    /** After the SLA deadline, this long again before unacknowledged rooms are escalated to their parent's room. */
    escalateAfter: periods,
    /** false: no escalation (the summary and re-@ still come). */
    escalate: z.boolean(),
    /** Which notices are chased without 需确认 (re-@ once, then one summary per parent): default urgent only. */
    chase: flags,
  })
  .partial()
  .strict()

export interface NoticePolicy {
  slaMs: { normal: number; urgent: number }
  escalateAfterMs: { normal: number; urgent: number }
  escalate: boolean
  chase: { normal: boolean; urgent: boolean }
}

export const DEFAULT_NOTICE_POLICY: NoticePolicy = {
  slaMs: { normal: 10 * 60_000, urgent: 3 * 60_000 },
  escalateAfterMs: { normal: 10 * 60_000, urgent: 3 * 60_000 },
  escalate: true,
  chase: { normal: false, urgent: true },
}

/** A unit's `notices:` block as stored (converted once at import). */
export interface NoticePolicyPatch {
  slaMs?: { normal?: number; urgent?: number }
  escalateAfterMs?: { normal?: number; urgent?: number }
  escalate?: boolean
  chase?: { normal?: boolean; urgent?: boolean }
}

export function toNoticePatch(v: z.output<typeof noticePolicyInput>): NoticePolicyPatch {
  const p: NoticePolicyPatch = {}
  if (v.sla) p.slaMs = { normal: v.sla.normal, urgent: v.sla.urgent }
  if (v.escalateAfter) p.escalateAfterMs = { normal: v.escalateAfter.normal, urgent: v.escalateAfter.urgent }
  if (v.escalate !== undefined) p.escalate = v.escalate
  if (v.chase) p.chase = { normal: v.chase.normal, urgent: v.chase.urgent }
  return p
}

const pick = <T>(into: { normal: T; urgent: T }, p?: { normal?: T; urgent?: T }) => ({
  normal: p?.normal ?? into.normal,
  urgent: p?.urgent ?? into.urgent,
})

/** The nearer unit's keys win. */
export function mergeNoticePolicy(into: NoticePolicy, patch: NoticePolicyPatch | undefined): NoticePolicy {
  if (!patch) return into
  return {
    slaMs: pick(into.slaMs, patch.slaMs),
    escalateAfterMs: pick(into.escalateAfterMs, patch.escalateAfterMs),
    escalate: patch.escalate ?? into.escalate,
    chase: pick(into.chase, patch.chase),
  }
}

/** Is a notice chased (re-@ once, then one summary per parent)? Marked 需确认 always; otherwise as policy says. */
export function chases(policy: Pick<NoticePolicy, 'chase'>, urgent: boolean, confirm: boolean): boolean {
  return confirm || policy.chase[urgent ? 'urgent' : 'normal']
}

/** The capability's slice: converted at import (toNoticePatch), merged by mergeNoticePolicy. */
export const noticePolicy: PolicySlice<NoticePolicy> = {
  key: 'notices',
  input: noticePolicyInput,
  defaults: DEFAULT_NOTICE_POLICY,
  toPatch: (v) => toNoticePatch(v as z.output<typeof noticePolicyInput>),
  merge: (into, patch) => mergeNoticePolicy(into, patch as NoticePolicyPatch),
}
