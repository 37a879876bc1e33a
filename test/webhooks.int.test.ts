// Event webhooks on the whole app (real Wechaty on the mock, BullMQ, PostgreSQL, a real local HTTP receiver): a
// subscription made by the CLI's command, a hazard reported in chat delivered signed (HMAC-SHA256), retried after the
// receiver's 500 under the same delivery id, masked; a delivery whose timer Redis lost (a flush) still arrives, once;
// SSRF-prone URLs refused.
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisOptions } from '../src/config/redis-url.ts'
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, verify } from '../src/capabilities/openapi/webhook-sign.ts'
import { testSim, type TestSim } from './helpers/sim.ts'
import { openApiCli, type Received, type Receiver, startReceiver } from './helpers/webhooks.ts'

const GRID = '华府社区5号网格群'

describe('event webhooks', () => {
  let sim: TestSim
  let receiver: Receiver
  let hookUrl: string
  const received: Received[] = []
  let failNext = 1

  const cli = (allowLocal: boolean, ...args: string[]) =>
    openApiCli(
      () => sim,
      () => allowLocal,
    )(...args)

  beforeAll(async () => {
    sim = await testSim({ start: new Date('2026-11-20T09:00:00+08:00'), env: { GRIDBOT_WEBHOOK_ALLOW_LOCAL: true } })
    receiver = await startReceiver(received, () => (failNext-- > 0 ? 500 : 200))
    hookUrl = `${receiver.base}/hook`
  })
  afterAll(async () => {
    receiver?.close()
    await sim?.close()
  })

  it('refuses URLs that are not http(s) or point at this host unless allowed', async () => {
    await expect(cli(false, 'webhooks', 'add', '--unit', '二七区', '--url', hookUrl, '--events', 'hazard.reported')).rejects.toMatchObject({
      code: 'WEBHOOK_URL',
    })
    await expect(cli(true, 'webhooks', 'add', '--unit', '二七区', '--url', 'ftp://example.org/x', '--events', 'hazard.reported')).rejects.toMatchObject({
      code: 'WEBHOOK_URL',
    })
    await expect(cli(true, 'webhooks', 'add', '--unit', '二七区', '--url', hookUrl, '--events', 'hazard.exploded')).rejects.toMatchObject({
      code: 'WEBHOOK_EVENT',
    })
  })

  it('delivers a hazard reported in chat, signed, retried after a 500 under the same delivery id, masked', async () => {
    const added = await cli(true, 'webhooks', 'add', '--unit', '二七区', '--url', hookUrl, '--events', 'hazard.reported,hazard.resolved')
    const secret = added[1]!
    expect(secret).toMatch(/^whsec_/)
    expect((await cli(true, 'webhooks', 'list')).join('\n')).toContain(`二七区 → ${hookUrl} · hazard.reported,hazard.resolved`)

    sim.world.say(sim.world.person('李佳鑫'), GRID, '#隐患 消防 3号楼楼道堆放杂物,住户电话13812345678')
    await sim.settle()
    await sim.advance(1_000)
    await expect.poll(() => received.length).toBe(1)
    await sim.advance(2 * 60_000)
    await expect.poll(() => received.length).toBe(2)
    const [first, second] = received
    expect(second!.headers[DELIVERY_HEADER]).toBe(first!.headers[DELIVERY_HEADER])
    expect(second!.headers[EVENT_HEADER]).toBe('hazard.reported')
    expect(verify(secret, second!.body, String(second!.headers[SIGNATURE_HEADER]), Date.now())).toBe(true)
    expect(verify('whsec_wrong', second!.body, String(second!.headers[SIGNATURE_HEADER]), Date.now())).toBe(false)
    const body = JSON.parse(second!.body)
    expect(body).toMatchObject({
      id: first!.headers[DELIVERY_HEADER],
      event: 'hazard.reported',
      data: { id: 'H1', category: 'fire', owning_unit: '华府社区5号网格' },
    })
    expect(body.data.description).toContain('3号楼')
    expect(body.data.description).not.toContain('13812345678')
    const row = await sim.infra.db.prisma.webhookDelivery.findFirstOrThrow({ where: { deliveryId: body.id } })
    expect(row).toMatchObject({ attempts: 2, lastError: null })
    expect(row.deliveredAt).not.toBeNull()
    await sim.advance(10 * 60_000)
    expect(received).toHaveLength(2) // delivered: never again
  })

  it('survives a Redis flush: the delivery row brings its timer back, and it arrives once', async () => {
    failNext = 1
    // Fire is routed to the community: its supervisor resolves it.
    sim.world.say(sim.world.person('王书记'), GRID, '#处置 H1 已联系物业')
    await sim.settle()
    sim.world.say(sim.world.person('王书记'), GRID, '#办结 H1 杂物已清空')
    await sim.settle()

    // The first attempt failed: its retry waits as a delayed job, which the flush below loses.
    await expect.poll(() => sim.infra.db.prisma.webhookDelivery.count({ where: { event: 'hazard.resolved', attempts: 1, deliveredAt: null } })).toBe(1)
    const r = new Redis(redisOptions(sim.stores.redisUrl) as never)
    const keys = await r.keys(`${sim.stores.prefix}:*`)
    if (keys.length) await r.del(...keys) // FLUSHALL, for this test's keys only (the server is shared)
    r.disconnect()
    await sim.advance(60_000)
    await expect.poll(() => received.filter((x) => x.headers[EVENT_HEADER] === 'hazard.resolved').length).toBe(2)
    await sim.advance(10 * 60_000)
    const resolved = received.filter((x) => x.headers[EVENT_HEADER] === 'hazard.resolved')
    expect(resolved).toHaveLength(2) // the failed attempt and the one after the flush: delivered once
    expect(await sim.infra.db.prisma.webhookDelivery.count({ where: { event: 'hazard.resolved', deliveredAt: { not: null }, attempts: 2 } })).toBe(1)
    const metrics = await sim.app.metrics.registry.metrics()
    expect(metrics).toMatch(/gridbot_webhook_deliveries\{state="pending"\} 0/)
    expect(metrics).toMatch(/gridbot_events_total\{event="webhooks.retried"\} 2/)
    expect(JSON.parse(resolved[1]!.body).data).toMatchObject({ id: 'H1', status: 'resolved', note: '杂物已清空' })
  })
})
