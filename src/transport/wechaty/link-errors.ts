// What a puppet's `error` event means for the link. wechaty-puppet-service emits gRPC errors wrapped as
// { gerror: '<json>' }; the codes are gRPC status codes.
export type LinkProblem = 'auth' | 'down' | 'other'

const UNAUTHENTICATED = 16
const PERMISSION_DENIED = 7
/** UNAVAILABLE (connection refused or dropped), CANCELLED, DEADLINE_EXCEEDED, INTERNAL (a stream cut mid-frame). */
const LINK_CODES = new Set([14, 1, 4, 13])

export interface LinkError {
  problem: LinkProblem
  code: number | null
  message: string
}

export function classifyLinkError(payload: unknown): LinkError {
  let code: number | null = null
  let message = ''
  const p = payload as { gerror?: string; code?: unknown; message?: unknown } | null
  if (p && typeof p.gerror === 'string') {
    try {
      const g = JSON.parse(p.gerror) as { code?: unknown; message?: unknown }
      code = typeof g.code === 'number' ? g.code : null
      message = String(g.message ?? '')
    } catch {
      message = p.gerror
    }
  } else if (p) {
    code = typeof p.code === 'number' ? p.code : null
    message = String(p.message ?? p)
  }
  const tls = /ERR_TLS|certificate|altname/i.test(message)
  const problem: LinkProblem =
    code === UNAUTHENTICATED || code === PERMISSION_DENIED || tls
      ? 'auth'
      : code !== null && LINK_CODES.has(code)
        ? 'down'
        : /ECONNREFUSED|Connection dropped/.test(message)
          ? 'down'
          : 'other'
  return { problem, code, message: message.split('\n')[0] ?? '' }
}
