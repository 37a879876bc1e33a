// A webhook URL we will post to: http(s), and (unless allowed by configuration) not resolving to this host's
// loopback, link-local, private or unspecified addresses, so a subscription cannot probe the inside (SSRF).
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'

const LOCAL_V4 = [/^127\./, /^10\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^0\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./]
const LOCAL_V6 = [/^::1$/, /^::$/, /^fe[89ab][0-9a-f]:/i, /^f[cd][0-9a-f]{2}:/i, /^::ffff:/i]

export const isLocalAddress = (ip: string) => (isIP(ip) === 6 ? LOCAL_V6.some((r) => r.test(ip)) : LOCAL_V4.some((r) => r.test(ip)))

/** Null when the URL may be used; else why not (English, for the CLI's operator). */
export async function webhookUrlProblem(raw: string, allowLocal: boolean): Promise<string | null> {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return 'not a URL'
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https URLs'
  if (u.username || u.password) return 'no credentials in the URL'
  if (allowLocal) return null
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address)
  if (!addresses.length) return `cannot resolve ${host}`
  const local = addresses.find(isLocalAddress)
  return local ? `${host} resolves to a local address (${local}); set GRIDBOT_WEBHOOK_ALLOW_LOCAL=true to allow` : null
}
