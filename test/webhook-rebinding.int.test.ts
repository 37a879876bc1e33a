// A webhook URL checked again at sending time (DNS rebinding, issue #28): a subscription added while its host looked
// public (here: added with the check waived) whose name now resolves to this host's loopback is refused when the
// delivery is sent, on the whole app with GRIDBOT_WEBHOOK_ALLOW_LOCAL off: the receiver on 127.0.0.1 hears nothing,
// the delivery is failed at once with the reason, visible in `gridbot webhooks failed`.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerOpenApiCommands } from '../src/capabilities/openapi/openapi-cli.ts'
import { testSim, type TestSim } from './helpers/sim.ts'

describe('webhook URL re-checked at send', () => {
  let sim: TestSim
  let receiver: http.Server
  let port: number
  let hits = 0

  const cli = async (allowLocal: boolean, ...args: string[]) => {
    const lines: string[] = []
    const program = new Command('gridbot').exitOverride()
    registerOpenApiCommands(
      program,
      (fn) => fn(sim.infra.db.prisma),
      (l) => lines.push(l),
      () => allowLocal,
    )
    await program.parseAsync(args, { from: 'user' })
    return lines
  }

  beforeAll(async () => {
    sim = await testSim({ start: new Date('2026-11-20T09:00:00+08:00') })
    receiver = http.createServer((_req, res) => {
      hits++
      res.writeHead(200).end()
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    port = (receiver.address() as AddressInfo).port
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
