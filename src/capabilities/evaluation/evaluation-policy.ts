// The org file's `policies.evaluation`: the weight of each input in a cadre's score (月度评价 · 季度考核 · 年度评定),
// and optional caps on the counted inputs (so a flood of check-ins cannot buy a grade). Validated (zod) at org
// import as part of the unit's policy block (task/policy.ts composes this schema), merged down the tree here.
import { z } from 'zod'
import { resolveSlice, type PolicySlice } from '../../kernel/policy/slice.ts'

/** The inputs a score is built from, in the order tables show them. */
export const EVALUATION_INPUTS = ['checkins', 'tasks', 'projects', 'hazards', 'hours', 'noticeAck', 'six', 'activitiesOrganised', 'activitiesAttended'] as const
export type EvaluationInput = (typeof EVALUATION_INPUTS)[number]

const weight = z.number().min(0).max(1000)
const weightsInput = z
  .object(Object.fromEntries(EVALUATION_INPUTS.map((k) => [k, weight.optional()])) as Record<EvaluationInput, z.ZodOptional<typeof weight>>)
  .strict()
const capsInput = z
  .object(
    Object.fromEntries(EVALUATION_INPUTS.map((k) => [k, z.number().min(0).max(100_000).optional()])) as Record<EvaluationInput, z.ZodOptional<z.ZodNumber>>,
  )
  .strict()

/** The keys under `policies.evaluation` (all optional). */
export const evaluationPolicyInput = z
  .object({
    /** Points of score per unit of each input: per check-in, task done, project done, hazard handled, hour of approved
     *  service, whole acknowledgement rate (1 = 100 %), 六个一 item done, activity organised (closed) and attended. */
    weights: weightsInput.optional(),
    /** At most this much of an input counts (e.g. { checkins: 60 }); absent: no cap. */
    caps: capsInput.optional(),
  })
  .strict()

export type EvaluationPatch = z.output<typeof evaluationPolicyInput>

export interface EvaluationPolicy {
  weights: Record<EvaluationInput, number>
  caps: Partial<Record<EvaluationInput, number>>
}

/** Work done weighs more than presence; the notices' acknowledgement rate counts once notices exist. */
export const DEFAULT_EVALUATION_POLICY: EvaluationPolicy = {
  weights: { checkins: 1, tasks: 5, projects: 10, hazards: 3, hours: 2, noticeAck: 20, six: 5, activitiesOrganised: 3, activitiesAttended: 1 },
  caps: {},
}

/** Merges the `evaluation` part of stored policy blocks from the district down to the unit (nearest wins, per key). */
export const resolveEvaluationPolicy = (chain: readonly unknown[]): EvaluationPolicy => resolveSlice(evaluationPolicy, chain)

/** The capability's slice: stored as validated; weights and caps merge input by input. */
export const evaluationPolicy: PolicySlice<EvaluationPolicy> = {
  key: 'evaluation',
  input: evaluationPolicyInput,
  defaults: DEFAULT_EVALUATION_POLICY,
  merge(into, patch) {
    const v = patch as EvaluationPatch
    const p: EvaluationPolicy = { weights: { ...into.weights }, caps: { ...into.caps } }
    for (const k of EVALUATION_INPUTS) {
      const w = v.weights?.[k]
      if (w !== undefined) p.weights[k] = w
      const c = v.caps?.[k]
      if (c !== undefined) p.caps[k] = c
    }
    return p
  },
}
