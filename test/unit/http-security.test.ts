// Issue #25: security headers on every HTTP surface, and /metrics optionally behind a bearer token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadEnv } from '../../src/config/env.ts'
import { createLogger } from '../../src/core/logger.ts'
import { Metrics } from '../../src/core/metrics.ts'
import { startProcessHttp } from '../../src/http/process-server.ts'

const TOKEN = 'metrics-token-0123456789'
const ADMIN = 'admin-token-0123456789abcdef'
let close: () => Promise<void>
let url: string

beforeAll(async () => {
  const env = loadEnv({ GRIDBOT_HTTP_PORT: '0', GRIDBOT_METRICS_TOKEN: TOKEN, GRIDBOT_ADMIN_TOKEN: ADMIN })
  const http = await startProcessHttp({
    env,
    log: createLogger('silent'),
    metrics: new Metrics(),
    checks: { database: async () => undefined, redis: async () => undefined, accounts: () => [] },
    queues: async () => [],
  })
  url = http.url
  close = () => http.server.close()
})
afterAll(async () => {
  await close?.()
})

describe('the HTTP surface', () => {
  it('sends security headers on every answer (found or not), HSTS behind an HTTPS proxy', async () => {
    for (const p of ['/healthz', '/readyz', '/no-such-page']) {
      const r = await fetch(url + p)
      expect(r.headers.get('x-content-type-options'), p).toBe('nosniff')
      expect(r.headers.get('x-frame-options'), p).toBe('DENY')
      expect(r.headers.get('referrer-policy'), p).toBe('no-referrer')
      expect(r.headers.get('content-security-policy'), p).toContain("frame-ancestors 'none'")
      expect(r.headers.get('strict-transport-security'), p).toBeNull()
    }
    const proxied = await fetch(`${url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(proxied.headers.get('strict-transport-security')).toContain('max-age=')
  })

  it('answers /metrics only with the metrics token when one is set', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401)
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401)
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('gridbot_events_total')
  })

  it('opens the queue board with a session cookie (HttpOnly, SameSite, Secure, expiry), never the token; throttles wrong tokens', async () => {
    const login = await fetch(`${url}/admin/queues?token=${ADMIN}`, { redirect: 'manual' })
    expect(login.status).toBe(302)
    expect(login.headers.get('location')).not.toContain('token')
    const cookie = login.headers.get('set-cookie')!
    expect(cookie).not.toContain(ADMIN)
    expect(cookie).toMatch(/^gridbot_admin_session=[\w-]{40,};/)
    for (const flag of ['HttpOnly', 'SameSite=Strict', 'Secure', 'Max-Age=28800', 'Path=/admin/queues']) expect(cookie).toContain(flag)
    const session = cookie.split(';')[0]!
    expect((await fetch(`${url}/admin/queues`, { headers: { cookie: session } })).status).toBe(200)
    expect((await fetch(`${url}/admin/queues`, { headers: { cookie: 'gridbot_admin_session=forged' } })).status).toBe(401)
    // The raw token as a cookie (the old scheme) opens nothing.
    expect((await fetch(`${url}/admin/queues`, { headers: { cookie: `gridbot_admin_session=${ADMIN}` } })).status).toBe(401)
    // Ten wrong tokens from one address, then even the right one waits.
    for (let i = 0; i < 10; i++) expect((await fetch(`${url}/admin/queues?token=wrong-${i}-0123456789abc`, { redirect: 'manual' })).status).toBe(401)
    expect((await fetch(`${url}/admin/queues`, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(429)
  })
})
