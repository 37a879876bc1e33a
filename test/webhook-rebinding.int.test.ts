// A webhook URL checked again at sending time (DNS rebinding, issue #28): a subscription added while its host looked
// public (here: added with the check waived) whose name now resolves to this host's loopback is refused when the
// delivery is sent, on the whole app with GRIDBOT_WEBHOOK_ALLOW_LOCAL off: the receiver on 127.0.0.1 hears nothing,
// the delivery is failed at once with the reason, visible in `gridbot webhooks failed`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testSim, type TestSim } from './helpers/sim.ts'
import { openApiCli, type Receiver, startReceiver } from './helpers/webhooks.ts'

describe('webhook URL re-checked at send', () => {
  let sim: TestSim
  let receiver: Receiver
  let port: number
  let hits = 0

  const cli = (allowLocal: boolean, ...args: string[]) =>
    openApiCli(
      () => sim,
      () => allowLocal,
    )(...args)

  beforeAll(async () => {
    sim = await testSim({ start: new Date('2026-11-20T09:00:00+08:00') })
    receiver = await startReceiver([], () => {
      hits++
      return 200
    })
    port = receiver.port
  })
  afterAll(async () => {
    receiver?.close()
    await sim?.close()
  })

  it('refuses a host resolving to 127.0.0.1 when sending, for good, and says why', async () => {
    await cli(true, 'webhooks', 'add', '--unit', '二七区', '--url', `http://localhost:${port}/hook`, '--events', 'need.recorded')
    sim.world.say(sim.world.person('李佳鑫'), '华府社区5号网格群', '#需求 3号楼水管漏水')
    await sim.settle()
    await sim.advance(1_000)
    await expect.poll(() => sim.infra.db.prisma.webhookDelivery.count({ where: { failedAt: { not: null } } })).toBe(1)
    const row = await sim.infra.db.prisma.webhookDelivery.findFirstOrThrow({})
    expect(row.lastError).toMatch(/^refused: localhost resolves to a local address \((127\.0\.0\.1|::1)\)$/)
    expect(row.deliveredAt).toBeNull()
    await sim.advance(10 * 60_000)
    expect(hits).toBe(0)
    expect((await cli(false, 'webhooks', 'failed')).join('\n')).toContain('refused: localhost')
  })
})
