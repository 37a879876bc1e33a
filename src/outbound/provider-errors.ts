// What a puppet service's error on a send means, so the sender reacts to it instead of spending retries: throttled →
// the account backs off; logged out → the post waits for the account; transient → retried; auth → the token. The known
// codes of WorkPro (the hosted WeCom service used through @juzi/wechaty-puppet-service) and gRPC's status codes.
export type ProviderProblem = 'throttled' | 'logged_out' | 'transient' | 'auth' | 'unknown'

export const PROVIDER_CODES: { code: number; problem: ProviderProblem; meaning: string }[] = [
  { code: 20001, problem: 'throttled', meaning: 'WorkPro: rate limited (the service says the requests are too frequent)' },
  { code: 23060, problem: 'logged_out', meaning: 'WorkPro: send failed while the account is logged out' },
  { code: 14, problem: 'transient', meaning: 'gRPC UNAVAILABLE: the service is unreachable' },
  { code: 4, problem: 'transient', meaning: 'gRPC DEADLINE_EXCEEDED' },
  { code: 1, problem: 'transient', meaning: 'gRPC CANCELLED' },
  { code: 8, problem: 'throttled', meaning: 'gRPC RESOURCE_EXHAUSTED' },
  { code: 16, problem: 'auth', meaning: 'gRPC UNAUTHENTICATED: the token is refused' },
  { code: 7, problem: 'auth', meaning: 'gRPC PERMISSION_DENIED' },
]

/** gRPC status codes are 0–16; a service's own codes are larger. */
const GRPC_MAX = 16
const BY_CODE = new Map(PROVIDER_CODES.map((c) => [c.code, c.problem]))

/** The code of an error as services report it: a numeric `code`, a gRPC `gerror` JSON, or "code 20001" / "[23060]"
 *  in the message. */
function codeOf(err: unknown): number | null {
  const e = err as { code?: unknown; gerror?: unknown; message?: unknown } | null
  if (!e) return null
  // Over gRPC a service's own code arrives in the text of a gRPC status (code 2 UNKNOWN, "[23060] …"): its own wins.
  const own = /\[(\d{5})\]/.exec(String(e.message ?? ''))
  if (own && typeof e.code === 'number' && e.code <= GRPC_MAX) return Number(own[1])
  if (typeof e.code === 'number') return e.code
  if (typeof e.code === 'string' && /^\d+$/.test(e.code)) return Number(e.code)
  if (typeof e.gerror === 'string') {
    try {
      const g = JSON.parse(e.gerror) as { code?: unknown }
      if (typeof g.code === 'number') return g.code
    } catch {
      // not JSON: read the message below
    }
  }
  const m = /\b(?:code|errcode|err_code)\W{0,3}(\d{1,6})\b|\[(\d{5})\]/i.exec(String(e.message ?? e.gerror ?? ''))
  return m ? Number(m[1] ?? m[2]) : null
}

export function classifyProviderError(err: unknown): { problem: ProviderProblem; code: number | null } {
  const code = codeOf(err)
  const known = code === null ? undefined : BY_CODE.get(code)
  if (known) return { problem: known, code }
  const text = String((err as { message?: unknown } | null)?.message ?? '')
  if (/发送(消息)?过于频繁|too (many|frequent)|rate.?limit/i.test(text)) return { problem: 'throttled', code }
  if (/not logged in|logged out|未登录|已掉线/i.test(text)) return { problem: 'logged_out', code }
  if (/ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up/i.test(text)) return { problem: 'transient', code }
  return { problem: 'unknown', code }
}
