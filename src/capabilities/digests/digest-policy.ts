// What the org file's `policies.digests` may set: when each unit's supervisors' groups get their digests, as 5-field
// cron expressions in Asia/Shanghai (false switches one off). Validated at import with the `cron` package (an
// expression that never fires is refused), stored as validated, merged down the tree (nearest unit wins).
import { z } from 'zod'
import { nextOccurrence } from '../../kernel/time/schedule-time.ts'
import { resolveSlice, type PolicySlice } from '../../kernel/policy/slice.ts'
import type { DigestKind } from './digest.types.ts'
import { digestTexts } from './digest.texts.ts'

const cronField = z
  .union([z.literal(false), z.string().trim()])
  .refine((v) => v === false || (v.split(/\s+/).length === 5 && nextOccurrence(v, new Date(0)) !== null), {
    message: digestTexts.badCron,
  })

/** "16:00" is read as "0 16 * * *" (every day at that time); a cron expression or false as for the digests. */
const reminderField = z
  .union([z.literal(false), z.string().trim()])
  .transform((v) => {
    const hm = typeof v === 'string' ? /^(\d{1,2})[:：](\d{2})$/.exec(v) : null
    return hm && Number(hm[1]) < 24 && Number(hm[2]) < 60 ? `${Number(hm[2])} ${Number(hm[1])} * * *` : v
  })
  .pipe(cronField)

export const digestPolicyInput = z
  .object({
    daily: cronField,
    weekly: cronField,
    monthly: cronField,
    /** The daily check-in reminder to grids' groups that have not checked in by then (off unless set). */
    checkinReminder: reminderField,
  })
  .partial()
  .strict()

export type DigestPatch = z.output<typeof digestPolicyInput>
export type DigestPolicy = Record<DigestKind, string | null>

export const DEFAULT_DIGEST_POLICY: DigestPolicy = { daily: '0 8 * * *', weekly: '0 8 * * 1', monthly: '0 8 1 * *' }

export const DIGEST_KINDS: DigestKind[] = ['daily', 'weekly', 'monthly']

/** The check-in reminder's schedule in force at a grid (nearest unit wins; off by default): a cron, or null. */
export const resolveReminderPolicy = (chain: readonly unknown[]): string | null =>
  resolveSlice<{ cron: string | null }>(
    {
      ...digestPolicy,
      defaults: { cron: null },
      merge: (into, patch) => {
        const v = (patch as DigestPatch).checkinReminder
        return v === undefined ? into : { cron: v === false ? null : v }
      },
    },
    chain,
  ).cron

/** The schedules in force at a unit: its ancestors' stored blocks from the district down, then its own. */
export const resolveDigestPolicy = (chain: readonly unknown[]): DigestPolicy => resolveSlice(digestPolicy, chain)

/** The capability's slice: stored as validated; each kind set wins (false: that digest is off). */
export const digestPolicy: PolicySlice<DigestPolicy> = {
  key: 'digests',
  input: digestPolicyInput,
  defaults: DEFAULT_DIGEST_POLICY,
  merge(into, patch) {
    const v = patch as DigestPatch
    const p = { ...into }
    for (const k of DIGEST_KINDS) if (v[k] !== undefined) p[k] = v[k] === false ? null : (v[k] as string)
    return p
  },
}
