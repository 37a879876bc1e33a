// How each bot account reaches its puppet service: token, endpoint and TLS, per account, from the environment.
//   GRIDBOT_ACCOUNT_<ID>_TOKEN / _ENDPOINT / _TLS_CA_FILE / _TLS_SERVER_NAME / _NO_TLS / _CLIENT   (ID: the account id
//   in upper case, other characters as '_': bot-main → BOT_MAIN; CLIENT: wechaty (default) or juzi)
//   GRIDBOT_TOKENS=bot-01=token1,bot-02=token2      (tokens only; the older form)
//   WECHATY_PUPPET_SERVICE_TOKEN + WECHATY_PUPPET_SERVICE_ENDPOINT   (the single-account form: the fallback)
// A token is a password: it is never logged (maskToken), and two accounts may not share one (the service accepts
// one event stream per token; the second account would silently get nothing).
import { readFileSync } from 'node:fs'
import { AppError } from '../core/errors.ts'
import { connectionTexts } from './account-connections.texts.ts'

/** The gRPC client an account's puppet is: upstream `wechaty-puppet-service` (self-hosted services), or the maintained
 *  fork `@juzi/wechaty-puppet-service` (WorkPro, WeCom accounts). */
export type ServiceClient = 'wechaty' | 'juzi'
const CLIENTS: ServiceClient[] = ['wechaty', 'juzi']

export interface AccountConnection {
  accountId: string
  token: string
  /** Which client library talks to the service (default: the upstream one). */
  client?: ServiceClient
  /** host:port of a self-hosted service; unset: the token's discovery (needs the internet). */
  endpoint?: string
  tls?: {
    /** PEM of the CA that signed the service's certificate. */
    caCert?: string
    /** The name on the service's certificate (default: the token's prefix before its last '_'). */
    serverName?: string
    /** Plain gRPC, no TLS (a service on a private network that runs without TLS). */
    disable?: boolean
  }
}

type Source = Record<string, string | undefined>

export const accountEnvKey = (accountId: string) => `GRIDBOT_ACCOUNT_${accountId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`

const truthy = (v: string | undefined) => v !== undefined && ['1', 'true', 'yes'].includes(v.trim().toLowerCase())
const set = (v: string | undefined) => (v?.trim() ? v.trim() : undefined)

function tokenList(src: Source): Map<string, string> {
  const map = new Map<string, string>()
  for (const pair of (src.GRIDBOT_TOKENS ?? '').split(',')) {
    const [id, token] = pair.split('=').map((s) => s.trim())
    if (id && token) map.set(id, token)
  }
  return map
}

/** The variable an account's token is read from (the same order as accountConnection): named in the error a refused
 *  token stops the gateway with, so the operator knows which line to fix. */
export function tokenSource(accountId: string, src: Source = process.env): string {
  const k = `${accountEnvKey(accountId)}_TOKEN`
  if (set(src[k])) return k
  if (tokenList(src).has(accountId)) return 'GRIDBOT_TOKENS'
  return set(src.WECHATY_PUPPET_SERVICE_TOKEN) ? 'WECHATY_PUPPET_SERVICE_TOKEN' : k
}

/** One account's connection; null when no token is configured for it. */
export function accountConnection(accountId: string, src: Source = process.env): AccountConnection | null {
  const k = accountEnvKey(accountId)
  const token = set(src[`${k}_TOKEN`]) ?? tokenList(src).get(accountId) ?? set(src.WECHATY_PUPPET_SERVICE_TOKEN)
  if (!token) return null
  const endpoint = set(src[`${k}_ENDPOINT`]) ?? set(src.WECHATY_PUPPET_SERVICE_ENDPOINT)
  const caFile = set(src[`${k}_TLS_CA_FILE`])
  const serverName = set(src[`${k}_TLS_SERVER_NAME`])
  const disable = truthy(src[`${k}_NO_TLS`])
  const client = set(src[`${k}_CLIENT`])?.toLowerCase()
  if (client && !CLIENTS.includes(client as ServiceClient))
    throw new AppError('ACCOUNT_CLIENT_UNKNOWN', `${k}_CLIENT=${client}`, connectionTexts.unknownClient(k, client, CLIENTS))
  let caCert: string | undefined
  if (caFile) {
    try {
      caCert = readFileSync(caFile, 'utf8')
    } catch (e) {
      throw new AppError('ACCOUNT_CA_UNREADABLE', `CA file ${caFile}: ${(e as Error).message}`, connectionTexts.caUnreadable(accountId, caFile))
    }
  }
  const tls =
    caCert || serverName || disable ? { ...(caCert ? { caCert } : {}), ...(serverName ? { serverName } : {}), ...(disable ? { disable } : {}) } : undefined
  return {
    accountId,
    token,
    ...(endpoint ? { endpoint } : {}),
    ...(tls ? { tls } : {}),
    ...(client === 'juzi' ? { client: 'juzi' as const } : {}),
  }
}

/**
 * The connections of the accounts this gateway serves, checked together: every account has a token, and no token
 * serves two accounts (the lone WECHATY_PUPPET_SERVICE_TOKEN therefore serves exactly one).
 */
export function accountConnections(accountIds: string[], src: Source = process.env): AccountConnection[] {
  const out: AccountConnection[] = []
  const byToken = new Map<string, string>()
  for (const id of accountIds) {
    const c = accountConnection(id, src)
    if (!c) throw new AppError('ACCOUNT_NO_TOKEN', `account ${id} has no puppet-service token`, connectionTexts.noToken(id, accountEnvKey(id)))
    const other = byToken.get(c.token)
    if (other)
      throw new AppError(
        'ACCOUNT_TOKEN_REUSED',
        `accounts ${other} and ${id} share token ${maskToken(c.token)}`,
        connectionTexts.sharedToken(other, id, maskToken(c.token), accountEnvKey(id)),
      )
    byToken.set(c.token, id)
    out.push(c)
  }
  // The two client libraries register their protobuf classes in one global namespace: loaded together, the one loaded
  // first stops receiving events (src/transport/wechaty/service-puppet.ts). One process, one client.
  const clients = new Set(out.map((c) => c.client ?? 'wechaty'))
  if (clients.size > 1) {
    const juzi = out.filter((c) => c.client === 'juzi').map((c) => c.accountId)
    throw new AppError(
      'ACCOUNT_CLIENTS_MIXED',
      `accounts ${juzi.join(',')} use the juzi client, the others the upstream one`,
      connectionTexts.mixedClients(juzi),
    )
  }
  return out
}

/** A token as logs may show it: its prefix (the TLS server name, not secret) and two last characters. */
export function maskToken(token: string): string {
  const cut = token.lastIndexOf('_')
  const prefix = cut > 0 ? token.slice(0, cut + 1) : ''
  return `${prefix}***${token.length - prefix.length > 6 ? token.slice(-2) : ''}`
}

/** A text with every occurrence of the given tokens masked (errors from the puppet library quote the token). */
export function maskTokensIn(text: string, tokens: string[]): string {
  let t = text
  for (const tok of tokens) if (tok) t = t.split(tok).join(maskToken(tok))
  return t
}
