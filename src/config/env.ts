// Configuration from the environment, validated once and frozen. Every key is documented in .env.example.
// An empty value means the default (`.env.example` copied verbatim to `.env` must start), and a URL that cannot
// work is refused here, naming its variable, before anything is started.
import { z } from 'zod'
import { checkClusterNodeList, checkDatabaseUrl, checkReadableFile, checkRedisUrl } from './url-checks.ts'
import { clusterNodesTexts } from './cluster-nodes.texts.ts'
import { clusterUrl, parseClusterNodes } from './redis-url.ts'
import { envTexts } from './env.texts.ts'

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v))
const url = (check: (v: string) => string | null) =>
  z
    .string()
    .trim()
    .optional()
    .superRefine((v, ctx) => {
      const problem = v ? check(v) : null
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })

const schema = z
  .object({
    DATABASE_URL: url(checkDatabaseUrl),
    /** A read replica for digests, 台账 exports, rankings and the board; unset: they read from DATABASE_URL. */
    DATABASE_READ_URL: url(checkDatabaseUrl),
    REDIS_URL: url(checkRedisUrl),
    /** A Redis Cluster's nodes (host:port,host:port,…): when set, cluster mode, and REDIS_URL is not used. */
    REDIS_CLUSTER_NODES: url(checkClusterNodeList),
    /** The Redis Cluster's password (every node's requirepass), instead of writing it into REDIS_CLUSTER_NODES. */
    REDIS_CLUSTER_PASSWORD: z.string().optional(),
    /** TLS to every Redis Cluster node (as `rediss://` nodes would); the files below imply it. */
    REDIS_CLUSTER_TLS: bool.optional(),
    /** PEM file of the CA that signed the nodes' certificates (unset: the system's CAs). */
    REDIS_CLUSTER_TLS_CA: url(checkReadableFile),
    /** PEM files of the client certificate and its key, for nodes that ask for one (tls-auth-clients yes). */
    REDIS_CLUSTER_TLS_CERT: url(checkReadableFile),
    REDIS_CLUSTER_TLS_KEY: url(checkReadableFile),
    GRIDBOT_DATA_DIR: z.string().default('.data'),
    GRIDBOT_ORG_FILE: z.string().optional(),
    /** Where the media folder is served, for links in exports (media_url); unset: exports carry no links. */
    GRIDBOT_MEDIA_BASE_URL: z.string().url().optional(),
    GRIDBOT_AUTO_MIGRATE: bool.default(true),
    /** Webhook URLs on this host's loopback, link-local or private addresses are refused unless this is set (no SSRF). */
    GRIDBOT_WEBHOOK_ALLOW_LOCAL: bool.default(false),
    /** The open API's limit per key, shared by every process (Redis): calls at once, then calls a second. */
    GRIDBOT_API_RATE_BURST: z.coerce.number().int().positive().default(20),
    GRIDBOT_API_RATE_PER_SEC: z.coerce.number().positive().default(5),
    GRIDBOT_QUEUE_PREFIX: z
      .string()
      .regex(/^[\w-]+$/)
      .default('gridbot'),
    GRIDBOT_WORKER_CONCURRENCY: z.coerce.number().int().positive().optional(),
    /** Inbound queue shards (one conversation's messages in order; shards in parallel). The same in every process. */
    GRIDBOT_INBOUND_SHARDS: z.coerce.number().int().min(1).max(1024).default(16),
    /** Messages one inbound job handles at most: its own and waiting ones of other conversations of its shard (1: its own only). */
    GRIDBOT_INBOUND_BATCH: z.coerce.number().int().min(1).max(1000).default(64),
    /** Posts one send job sends at most: its own, then its account's next waiting ones (1: its own only). */
    GRIDBOT_OUTBOUND_BATCH: z.coerce.number().int().min(1).max(1000).default(64),
    /** One text send to WeChat that has not returned after this counts as failed (sent again; the account's link restarted).
     *  At most 5 minutes: under the outbox claim's 10, so a send still under way keeps its claim. */
    GRIDBOT_SEND_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(60_000),
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
    /** With `--accounts auto` (GRIDBOT_ACCOUNTS=auto): the most accounts one gateway takes (gateways split the rest). */
    GRIDBOT_GATEWAY_MAX_ACCOUNTS: z.coerce.number().int().min(1).default(20),
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
    /** The canary (a deaf account): each account proves it hears this often (and after each login); 0 turns it off. */
    GRIDBOT_CANARY_EVERY_MS: z.coerce.number().int().min(0).default(600_000),
    /** A canary nonce not back within this is a miss (two in a row: the account is deaf). */
    GRIDBOT_CANARY_WAIT_MS: z.coerce.number().int().min(500).default(30_000),
    /** A private group every bot account is in, for the canary (its wx room id); unset: the admins' group. */
    GRIDBOT_CANARY_ROOM: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    GRIDBOT_LOG_FILE: z.string().optional(),
    /** The process's HTTP surface (/healthz, /readyz, /metrics, /admin/queues); port 0 picks a free one. */
    GRIDBOT_HTTP_HOST: z.string().default('127.0.0.1'),
    GRIDBOT_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /** Opens the queue dashboard (/admin/queues); unset: the dashboard is off. */
    GRIDBOT_ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    /** When set, /metrics answers only `Authorization: Bearer <token>` (Prometheus' bearer_token). */
    GRIDBOT_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    /** How long a start waits for PostgreSQL and Redis before it gives up with an error. */
    GRIDBOT_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).default(20_000),
    /** Handled inbox rows, sent outbox rows and finished jobs are deleted after this many days. */
    GRIDBOT_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
    /** Check-ins older than this many months are dropped, a month's partition at a time; unset: kept for ever. */
    GRIDBOT_CHECKIN_RETENTION_MONTHS: z.coerce.number().int().min(1).optional(),
    /** Media in an S3-compatible bucket instead of GRIDBOT_DATA_DIR/media (path-style URLs: https://endpoint/bucket/key). */
    GRIDBOT_MEDIA_S3_BUCKET: z.string().optional(),
    GRIDBOT_MEDIA_S3_ENDPOINT: z.string().url().optional(),
    GRIDBOT_MEDIA_S3_REGION: z.string().default('us-east-1'),
    GRIDBOT_MEDIA_S3_ACCESS_KEY_ID: z.string().optional(),
    GRIDBOT_MEDIA_S3_SECRET_ACCESS_KEY: z.string().optional(),
    GRIDBOT_MEDIA_S3_PREFIX: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.REDIS_CLUSTER_TLS_CERT) !== Boolean(env.REDIS_CLUSTER_TLS_KEY))
      ctx.addIssue({
        code: 'custom',
        path: [env.REDIS_CLUSTER_TLS_CERT ? 'REDIS_CLUSTER_TLS_KEY' : 'REDIS_CLUSTER_TLS_CERT'],
        message: clusterNodesTexts.certWithoutKey,
      })
  })

export type Env = Readonly<z.infer<typeof schema>>

/** Empty (or blank) values are absent: the variable's default applies. */
function withoutEmpty(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''))
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(withoutEmpty(source))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(envTexts.invalid(lines))
  }
  return Object.freeze(parsed.data)
}

type RedisSettings = 'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'REDIS_CLUSTER_PASSWORD'
type TlsSettings = 'REDIS_CLUSTER_TLS' | 'REDIS_CLUSTER_TLS_CA' | 'REDIS_CLUSTER_TLS_CERT' | 'REDIS_CLUSTER_TLS_KEY'

/** Where Redis is: REDIS_CLUSTER_NODES in its URL-like cluster form when set (REDIS_URL is then unused), else REDIS_URL.
 *  The cluster form carries REDIS_CLUSTER_PASSWORD and the TLS settings (a TLS file implies REDIS_CLUSTER_TLS). */
export function redisLocation(env: Pick<Env, RedisSettings> & Partial<Pick<Env, TlsSettings>>): string | undefined {
  if (!env.REDIS_CLUSTER_NODES) return env.REDIS_URL
  const { nodes, auth } = parseClusterNodes(env.REDIS_CLUSTER_NODES)
  if (env.REDIS_CLUSTER_PASSWORD) auth.password = env.REDIS_CLUSTER_PASSWORD
  const files = { ca: env.REDIS_CLUSTER_TLS_CA, cert: env.REDIS_CLUSTER_TLS_CERT, key: env.REDIS_CLUSTER_TLS_KEY }
  for (const [k, v] of Object.entries(files)) if (v) auth[k as keyof typeof files] = v
  if (env.REDIS_CLUSTER_TLS || files.ca || files.cert) auth.tls = true
  return clusterUrl(nodes, auth)
}

/** Values that must never reach a log line (tokens, passwords inside URLs). */
export function secretsOf(env: Env, src: Record<string, string | undefined> = process.env): string[] {
  const out: string[] = []
  // Per-account tokens (GRIDBOT_ACCOUNT_<ID>_TOKEN: config/account-connections.ts) are read from the environment.
  for (const [k, v] of Object.entries(src)) if (/^GRIDBOT_ACCOUNT_.+_TOKEN$/.test(k) && v) out.push(v)
  for (const pair of (env.GRIDBOT_TOKENS ?? '').split(',')) {
    const token = pair.split('=')[1]?.trim()
    if (token) out.push(token)
  }
  if (env.WECHATY_PUPPET_SERVICE_TOKEN) out.push(env.WECHATY_PUPPET_SERVICE_TOKEN)
  if (env.GRIDBOT_ADMIN_TOKEN) out.push(env.GRIDBOT_ADMIN_TOKEN)
  if (env.GRIDBOT_METRICS_TOKEN) out.push(env.GRIDBOT_METRICS_TOKEN)
  if (env.GRIDBOT_MEDIA_S3_SECRET_ACCESS_KEY) out.push(env.GRIDBOT_MEDIA_S3_SECRET_ACCESS_KEY)
  if (env.REDIS_CLUSTER_PASSWORD) out.push(env.REDIS_CLUSTER_PASSWORD)
  const listed = env.REDIS_CLUSTER_NODES ? parseClusterNodes(env.REDIS_CLUSTER_NODES).auth.password : undefined
  if (listed) out.push(listed)
  for (const u of [env.DATABASE_URL, env.DATABASE_READ_URL, env.REDIS_URL]) {
    const password = u ? passwordOf(u) : null
    if (password) out.push(password)
  }
  return out.filter((s) => s.length >= 4)
}

function passwordOf(u: string): string | null {
  try {
    const p = new URL(u).password
    return p ? decodeURIComponent(p) : null
  } catch {
    return null
  }
}
