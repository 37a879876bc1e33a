// A webhook POST checks the host at sending time and connects to the address it checked (DNS rebinding): a name
// resolving to 127.0.0.1 is refused unless local addresses are allowed; allowed, the request reaches the address the
// resolver gave (a name the system's DNS does not know), so the connection is pinned to the checked answer.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postPinned, type Resolve } from '../../src/capabilities/openapi/webhook-post.ts'

describe('postPinned', () => {
  let server: http.Server
  let port: number
  const seen: { host?: string; body: string }[] = []
  let asked = 0
  const toLoopback: Resolve = async () => {
    asked++
    return [{ address: '127.0.0.1', family: 4 }]
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        seen.push({ host: req.headers.host, body })
        res.writeHead(req.url === '/fail' ? 500 : 204).end()
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => void server.close())

  it('refuses a name that resolves to loopback, for good, without connecting', async () => {
    const r = await postPinned(`http://rebind.invalid:${port}/hook`, {}, '{}', { allowLocal: false, timeoutMs: 2000, resolve: toLoopback })
    expect(r).toEqual({ error: 'refused: rebind.invalid resolves to a local address (127.0.0.1)', permanent: true })
    expect(seen).toHaveLength(0)
    const literal = await postPinned(`http://127.0.0.1:${port}/hook`, {}, '{}', { allowLocal: false, timeoutMs: 2000 })
    expect(literal?.permanent).toBe(true)
    expect(seen).toHaveLength(0)
  })

  it('allowed, connects to the address it resolved once (the system DNS never asked)', async () => {
    asked = 0
    const r = await postPinned(`http://rebind.invalid:${port}/hook`, { 'content-type': 'application/json' }, '{"a":1}', {
      allowLocal: true,
      timeoutMs: 2000,
      resolve: toLoopback,
    })
    expect(r).toBeNull()
    expect(asked).toBe(1)
    expect(seen).toEqual([{ host: `rebind.invalid:${port}`, body: '{"a":1}' }])
  })

  it('a receiver error is worth another attempt', async () => {
    const r = await postPinned(`http://rebind.invalid:${port}/fail`, {}, '{}', { allowLocal: true, timeoutMs: 2000, resolve: toLoopback })
    expect(r).toEqual({ error: 'HTTP 500', permanent: false })
  })
})
