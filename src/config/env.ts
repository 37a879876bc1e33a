// Configuration from the environment, validated once and frozen. Every key is documented in .env.example.
import { z } from 'zod'

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v))

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  GRIDBOT_DATA_DIR: z.string().default('.data'),
  GRIDBOT_ORG_FILE: z.string().optional(),
  /** Where the media folder is served, for links in exports (media_url); unset: exports carry no links. */
  GRIDBOT_MEDIA_BASE_URL: z.string().url().optional(),
  GRIDBOT_AUTO_MIGRATE: bool.default(true),
  GRIDBOT_QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]+$/)
    .default('gridbot'),
  GRIDBOT_WORKER_CONCURRENCY: z.coerce.number().int().positive().optional(),
  /** Inbound queue shards (one conversation's messages in order; shards in parallel). The same in every process. */
  GRIDBOT_INBOUND_SHARDS: z.coerce.number().int().min(1).max(1024).default(16),
  /** How often workers sweep (timers, unhandled inbox rows, unsent outbox rows). */
  GRIDBOT_SWEEP_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
  /** A received message unhandled, or a reply unsent, this long has lost its job: the sweeper hands it over again. */
  GRIDBOT_REDELIVER_AFTER_MS: z.coerce.number().int().min(1000).default(60_000),
  /** How long a worker holds a job before others may take it over (a crashed worker's jobs wait this long). */
  GRIDBOT_JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  GRIDBOT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  GRIDBOT_PACE_PER_SEC: z.coerce.number().positive().default(1),
  GRIDBOT_PACE_JITTER_MS: z.coerce.number().int().min(0).default(300),
  GRIDBOT_ACCOUNTS: z.string().optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().optional(),
  GRIDBOT_TOKENS: z.string().optional(),
  /** The link supervisor (per account): ping the puppet service this often; no event for SILENT_MS is a dead link. */
  GRIDBOT_LINK_PING_MS: z.coerce.number().int().min(100).default(10_000),
  GRIDBOT_LINK_SILENT_MS: z.coerce.number().int().min(500).default(35_000),
  /** Reconnect attempts back off up to this long between tries. */
  GRIDBOT_LINK_RETRY_MAX_MS: z.coerce.number().int().min(100).default(5_000),
  /** A token the service refuses this long never starts working: the gateway exits (code 78) with the reason. */
  GRIDBOT_AUTH_GIVE_UP_MS: z.coerce.number().int().min(0).default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRIDBOT_LOG_FILE: z.string().optional(),
})

export type Env = Readonly<z.infer<typeof schema>>

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`配置有误(环境变量):\n${lines.join('\n')}`)
  }
  return Object.freeze(parsed.data)
}
