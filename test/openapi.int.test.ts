// The open API over HTTP on the whole app (real Wechaty on the mock, BullMQ, PostgreSQL): a key made by the CLI's
// command, an Open311 POST (form-encoded, as clients send it) that becomes a hazard announced in the grid's group,
// resolved in chat and read back with its lifecycle, masked; scope, read-only keys, revocation, bad input in the
// spec's error format, a replayed POST, the rate limit, the audit.
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { createLogger } from '../src/core/logger.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import { RedisApiKeyLimiter } from '../src/jobs/api-key-limiter.ts'
import { apiRoutes } from '../src/http/api/api-routes.ts'
import { OPEN311_PREFIX, open311Routes } from '../src/http/api/open311-routes.ts'
import { READ_PREFIX, readRoutes } from '../src/http/api/read-routes.ts'
import { createHttpServer, type HttpServer } from '../src/http/server.ts'
import { botSaid, testSim, type TestSim } from './helpers/sim.ts'
import { openApiCli } from './helpers/webhooks.ts'

const GRID = '华府社区5号网格群'

describe('open API: Open311 requests in and out', () => {
  let sim: TestSim
  let server: HttpServer
  let url: string
  // Two servers limiting keys through Redis, each with its own connection and limiter: as two processes would.
  let tight: HttpServer
  let tightUrl: string
  let tight2: HttpServer
  let tight2Url: string
  const redisClients: Redis[] = []

  /** `gridbot api-key …` through the CLI's own command; the lines it printed. */
  const cli = (...args: string[]) => openApiCli(() => sim)('api-key', ...args)
  const newKey = async (...args: string[]) => {
    const lines = await cli('create', ...args)
    expect(lines[1]).toMatch(/^[A-Za-z0-9\-_.~]{24,}$/)
    return lines[1]!
  }
  const post = (key: string, fields: Record<string, string>, base = url) =>
    fetch(`${base}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: key, ...fields }).toString(),
    })
  const get = (key: string, path: string) => fetch(`${url}/open311/v2/${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(key)}`)

  beforeAll(async () => {
    sim = await testSim({ start: new Date('2026-11-20T09:00:00+08:00') })
    const log = createLogger('silent')
    server = createHttpServer({ host: '127.0.0.1', port: 0, log })
    server.mount('/', apiRoutes({ work: sim.app.deps, mediaBaseUrl: null }))
    url = (await server.listen()).url
    const shared = () => {
      const r = new Redis(redisOptions(sim.stores.redisUrl) as never)
      redisClients.push(r)
      return new RedisApiKeyLimiter(r, sim.stores.prefix, { capacity: 2, perSecond: 0.001 })
    }
    tight = createHttpServer({ host: '127.0.0.1', port: 0, log })
    tight.mount('/', apiRoutes({ work: sim.app.deps, mediaBaseUrl: null, limiter: shared() }))
    tightUrl = (await tight.listen()).url
    tight2 = createHttpServer({ host: '127.0.0.1', port: 0, log })
    tight2.mount('/', apiRoutes({ work: sim.app.deps, mediaBaseUrl: null, limiter: shared() }))
    tight2Url = (await tight2.listen()).url
  })
  afterAll(async () => {
    await server?.close()
    await tight?.close()
    await tight2?.close()
    for (const r of redisClients) r.disconnect()
    await sim?.close()
  })

  it('files a form-encoded request as a hazard in the grid, announced there, resolved in chat, read back masked', async () => {
    const key = await newKey('--unit', '二七区', '--name', '12345热线', '--write')
    const services = await (await get(key, 'services.json')).json()
    expect(services.map((s: { service_code: string }) => s.service_code)).toContain('fire')

    const res = await post(key, {
      service_code: 'fire',
      description: '3号楼楼道堆放杂物,住户王芳电话13812345678',
      'attribute[unit]': '华府社区5号网格',
      first_name: '芳',
      last_name: '王',
      phone: '13812345678',
    })
    expect(res.status).toBe(200)
    const [filed] = await res.json()
    expect(filed.service_request_id).toBe('H1')
    await sim.settle()
    const said = botSaid(sim, GRID).join('\n')
    expect(said).toContain('【外部来件 H1】12345热线')
    expect(said).toContain('王芳 13812345678')

    sim.world.say(sim.world.person('李佳鑫'), GRID, '#处置 H1 已联系物业清理')
    await sim.settle()
    sim.world.say(sim.world.person('李佳鑫'), GRID, '#办结 H1 杂物已清空')
    await sim.settle()

    const one = await get(key, 'requests/H1.json')
    expect(one.status).toBe(200)
    const [r] = await one.json()
    expect(r).toMatchObject({ service_request_id: 'H1', service_code: 'fire', status: 'open' })
    expect(r.status_notes).toContain('杂物已清空')
    expect(r.description).not.toContain('13812345678')
    expect(r.description).toContain('3号楼')
    const list = await (await get(key, 'requests.json?status=open&start_date=2026-11-01T00:00:00Z')).json()
    expect(list.map((x: { service_request_id: string }) => x.service_request_id)).toEqual(['H1'])
    const closed = await (await get(key, 'requests.json?status=closed')).json()
    expect(closed).toEqual([])
  })

  it('answers a replayed request with the same id (concurrent replays too), files a JSON body too', async () => {
    const key = await newKey('--unit', '华府社区', '--name', '物业平台', '--write')
    const once = { service_code: 'environment', description: '垃圾桶满溢', 'attribute[unit]': '华府社区6号网格', 'attribute[client_request_id]': 'abc-1' }
    const [a] = await (await post(key, once)).json()
    const [b] = await (await post(key, once)).json()
    expect(b.service_request_id).toBe(a.service_request_id)
    const before = await sim.infra.db.prisma.hazard.count()
    const racing = await Promise.all([1, 2, 3].map(() => post(key, { ...once, 'attribute[client_request_id]': 'abc-2' })))
    const ids = await Promise.all(racing.map(async (r) => (await r.json())[0].service_request_id))
    expect(new Set(ids).size).toBe(1)
    expect(await sim.infra.db.prisma.hazard.count()).toBe(before + 1)
    const json = await fetch(`${url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ service_code: 'traffic', description: '井盖缺失', attribute: { unit: '华府社区6号网格' } }),
    })
    expect(json.status).toBe(200)
    const [c] = await json.json()
    expect(c.service_request_id).not.toBe(a.service_request_id)
  })

  it('refuses keys: missing or revoked 401, another area 403, read-only on POST 403', async () => {
    const other = await newKey('--unit', '正商社区', '--name', '正商大屏', '--write')
    expect((await get(other, 'requests/H1.json')).status).toBe(404) // H1 is not in its area: not even its existence
    const out = await post(other, { service_code: 'fire', description: 'x', 'attribute[unit]': '华府社区5号网格' })
    expect(out.status).toBe(403)
    expect(await out.json()).toEqual([{ code: 403, description: expect.stringContaining('outside') }])
    const ro = await newKey('--unit', '二七区', '--name', '大屏')
    expect((await get(ro, 'requests/H1.json')).status).toBe(200)
    expect((await post(ro, { service_code: 'fire', description: 'x', 'attribute[unit]': '华府社区5号网格' })).status).toBe(403)
    expect((await fetch(`${url}/open311/v2/services.json`)).status).toBe(401)
    const revoked = await cli('revoke', '大屏')
    expect(revoked[0]).toMatch(/已吊销密钥/)
    expect((await get(ro, 'requests/H1.json')).status).toBe(401)
    const listed = await cli('list')
    expect(listed.join('\n')).toMatch(/二七区 · 大屏 · 只读 · gbk_.{6}… · 创建 .* · 已吊销/)
  })

  it('answers bad input with the spec error array and records nothing', async () => {
    const key = await newKey('--unit', '二七区', '--name', '测试', '--write')
    const before = await sim.infra.db.prisma.hazard.count()
    const bad = await post(key, { service_code: 'volcano', description: 'x'.repeat(2001), lat: '95', long: '10' })
    expect(bad.status).toBe(400)
    const errors = await bad.json()
    expect(errors.every((e: { code: number; description: string }) => e.code === 400 && typeof e.description === 'string')).toBe(true)
    expect(errors.map((e: { description: string }) => e.description).join('\n')).toMatch(
      /service_code volcano is unknown[\s\S]*longer than 2000[\s\S]*lat must be/,
    )
    const malformed = await fetch(`${url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: '{"service_code":',
    })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toEqual([{ code: 400, description: expect.any(String) }])
    const unroutable = await post(key, { service_code: 'fire', description: '有烟' })
    expect(unroutable.status).toBe(400)
    expect(await sim.infra.db.prisma.hazard.count()).toBe(before)
  })

  it('limits each key across processes (Redis; 429 with Retry-After) and audits every call', async () => {
    const key = await newKey('--unit', '二七区', '--name', '限流')
    const other = await newKey('--unit', '二七区', '--name', '另一个')
    const responses = []
    for (const base of [tightUrl, tight2Url, tightUrl]) responses.push(await fetch(`${base}/open311/v2/services.json?api_key=${key}`))
    expect(responses.map((r) => r.status)).toEqual([200, 200, 429])
    expect(Number(responses[2]!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await responses[2]!.json()).toEqual([{ code: 429, description: expect.stringContaining('rate limit') }])
    // Another key has its own bucket.
    expect((await fetch(`${tight2Url}/open311/v2/services.json?api_key=${other}`)).status).toBe(200)
    const row = await sim.infra.db.prisma.apiKey.findFirstOrThrow({ where: { name: '限流' } })
    await expect.poll(() => sim.infra.db.prisma.apiCall.count({ where: { keyId: row.id } })).toBe(3)
    const calls = await sim.infra.db.prisma.apiCall.findMany({ where: { keyId: row.id }, orderBy: { id: 'asc' } })
    expect(calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ['GET', '/open311/v2/services.json', 200],
      ['GET', '/open311/v2/services.json', 200],
      ['GET', '/open311/v2/services.json', 429],
    ])
  })

  it('serves the read API scoped by the key, paginated, masked above the owning unit', async () => {
    sim.world.say(sim.world.person('李佳鑫'), GRID, '#任务 清理5号楼消防通道 紧急')
    sim.world.say(sim.world.person('李佳鑫'), GRID, '#签到 走访 3户')
    await sim.settle()
    const district = await newKey('--unit', '二七区', '--name', '区大屏')
    const read = (key: string, path: string) => fetch(`${url}/api/v1/${path}`, { headers: { authorization: `Bearer ${key}` } })
    const tasks = await (await read(district, 'tasks?page_size=1')).json()
    expect(tasks).toMatchObject({ page: 1, page_size: 1, total: 1, next_page: null })
    expect(tasks.items[0]).toMatchObject({ id: 'T1', unit: '华府社区5号网格', urgent: true, escalation_level: -1 })
    const hazards = await (await read(district, 'hazards')).json()
    expect(hazards.items.map((h: { id: string }) => h.id)).toContain('H1')
    expect(JSON.stringify(hazards)).not.toContain('13812345678')
    const today = await (await read(district, 'checkins/today?unit=华府社区')).json()
    expect(today.units).toContainEqual({ unit: '华府社区5号网格', count: 1, households: 3 })
    const digest = await (await read(district, 'digest?period=day')).json()
    expect(digest).toMatchObject({ unit: '二七区', period: { kind: 'daily' } })
    expect(digest.funnel).toBeDefined()
    const ranks = await (await read(district, 'rankings?period=day')).json()
    expect(ranks.items[0]).toMatchObject({ rank: 1, unit: '人和路街道' })
    expect((await read(district, 'notices')).status).toBe(200)
    expect((await read(district, 'needs')).status).toBe(200)
    const other = await newKey('--unit', '正商社区', '--name', '正商只读')
    expect((await (await read(other, 'tasks')).json()).total).toBe(0)
    expect((await read(other, 'tasks?unit=华府社区')).status).toBe(403)
    expect((await read(district, 'tasks?page_size=500')).status).toBe(400)
  })

  it('serves an OpenAPI 3 document whose paths are exactly the routes', async () => {
    const doc = await (await fetch(`${url}/api/openapi.json`)).json()
    expect(doc.openapi).toMatch(/^3\./)
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort()
    const routesOf = (register: (r: express.Router) => void, prefix: string) => {
      const r = express.Router()
      register(r)
      return r.stack.flatMap((l) =>
        l.route ? Object.keys((l.route as unknown as { methods: object }).methods).map((m) => `${m} ${prefix}${l.route!.path}`) : [],
      )
    }
    const served = [
      ...routesOf(open311Routes({ ...sim.app.deps, mediaBaseUrl: null }), OPEN311_PREFIX),
      ...routesOf(readRoutes(sim.app.deps), READ_PREFIX),
    ].sort()
    expect(documented).toEqual(served)
    for (const [, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: object }>>))
      for (const op of Object.values(ops)) expect(Object.keys(op.responses)).toContain('200')
  })
})
