// One webhook POST, with the URL checked again at sending time (DNS rebinding): the host is resolved now, refused if
// any address is loopback, link-local, private or unspecified (unless GRIDBOT_WEBHOOK_ALLOW_LOCAL), and the request
// connects to the address just checked (pinned through the request's own lookup), never to a second answer of DNS.
// No redirects are followed; a 10 s limit.
import { lookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { isLocalAddress } from './webhook-url.ts'

export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>

const systemResolve: Resolve = (host) => lookup(host, { all: true })

/** The outcome of an attempt: null delivered; else why not, and whether trying again could help. */
export type PostError = { error: string; permanent: boolean } | null

export interface PostOptions {
  allowLocal: boolean
  timeoutMs: number
  resolve?: Resolve
}

export async function postPinned(url: string, headers: Record<string, string>, body: string, o: PostOptions): Promise<PostError> {
  const u = new URL(url)
  const host = u.hostname.replace(/^\[|\]$/g, '')
  let addresses: { address: string; family: number }[]
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (o.resolve ?? systemResolve)(host)
  } catch (e) {
    return { error: `cannot resolve ${host}: ${(e as Error).message}`.slice(0, 200), permanent: false }
  }
  const pinned = addresses[0]
  if (!pinned) return { error: `cannot resolve ${host}`, permanent: false }
  const local = addresses.find((a) => isLocalAddress(a.address))
  if (local && !o.allowLocal) return { error: `refused: ${host} resolves to a local address (${local.address})`, permanent: true }

  const pin: LookupFunction = (_name, opts, cb) =>
    (opts as { all?: boolean }).all ? (cb as (e: null, a: typeof addresses) => void)(null, [pinned]) : cb(null, pinned.address, pinned.family)
  const send = u.protocol === 'https:' ? https.request : http.request
  return new Promise((resolve) => {
    const req = send(
      u,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pin, signal: AbortSignal.timeout(o.timeoutMs) },
      (res) => {
        res.resume()
        const status = res.statusCode ?? 0
        resolve(status >= 200 && status < 300 ? null : { error: `HTTP ${status}`, permanent: false })
      },
    )
    req.on('error', (e) => resolve({ error: e.message.slice(0, 200), permanent: false }))
    req.end(body)
  })
}
