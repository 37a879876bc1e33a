// Field types the org file's `policies:` blocks share (every capability's policy uses the same forms).
import { must } from '../../core/must.ts'
import { z } from 'zod'
import { parseDuration } from '../../core/time.ts'

/** 10m, 3m, 1h, 24h, 7d → milliseconds. */
export const duration = z
  .string()
  .refine((s) => parseDuration(s) !== null, '时长格式如 10m、3m、1h')
  .transform((s) => must(parseDuration(s), 'POLICY_DURATION'))

/** 22:00 */
export const clock = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, '时间格式如 22:00')
