// Routing outside the tree (issue #28) on the whole app: a body that is not in the org (物业) registered as an
// endpoint of 华府社区 (`gridbot webhooks add --body 物业`); the community's supervisor refers a hazard to it in chat
// (#转办 H1 物业 …): recorded as 处置, delivered signed to that body only (and to ordinary subscriptions of the event),
// the resident's phone masked. A body nobody registered refuses the command with the known ones, nothing recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EVENT_HEADER, SIGNATURE_HEADER, verify } from '../src/capabilities/openapi/webhook-sign.ts'
import { botSaid, testSim, type TestSim } from './helpers/sim.ts'
import { openApiCli, type Received, type Receiver, startReceiver } from './helpers/webhooks.ts'

const GRID = '华府社区5号网格群'
const COMMUNITY = '华府社区群'

describe('hazards referred to a body outside the tree', () => {
  let sim: TestSim
  let receiver: Receiver
  let base: string
  const received: Received[] = []

  const cli = openApiCli(
    () => sim,
    () => true,
  )
  const say = async (who: string, room: string, text: string) => {
    sim.world.say(sim.world.person(who), room, text)
    await sim.settle()
    await sim.advance(1_000)
  }

  beforeAll(async () => {
    sim = await testSim({ start: new Date('2026-11-20T09:00:00+08:00'), env: { GRIDBOT_WEBHOOK_ALLOW_LOCAL: true } })
    receiver = await startReceiver(received)
    base = receiver.base
  })
  afterAll(async () => {
    receiver?.close()
    await sim?.close()
  })

  it('delivers a referral to the named body only, masked, and records it as 处置', async () => {
    const wuye = (await cli('webhooks', 'add', '--unit', '华府社区', '--body', '物业', '--url', `${base}/wuye`))[1]!
    await cli('webhooks', 'add', '--unit', '华府社区', '--body', '供水公司', '--url', `${base}/water`)
    await cli('webhooks', 'add', '--unit', '二七区', '--url', `${base}/district`, '--events', 'hazard.referred')
    expect((await cli('webhooks', 'list')).join('\n')).toContain(`华府社区 → ${base}/wuye · hazard.referred · 外部单位「物业」`)
    await say('李佳鑫', GRID, '#隐患 消防 3号楼楼道堆放杂物,住户电话13812345678')
    await say('王书记', COMMUNITY, '#转办 H1 物业 请今天派人清理')
    expect(botSaid(sim, COMMUNITY).at(-1)).toContain('H1 已转物业处理')
    await expect.poll(() => received.filter((r) => r.path === '/wuye').length).toBe(1)
    await expect.poll(() => received.filter((r) => r.path === '/district').length).toBe(1)
    const [got] = received.filter((r) => r.path === '/wuye')
    expect(got!.headers[EVENT_HEADER]).toBe('hazard.referred')
    expect(verify(wuye, got!.body, String(got!.headers[SIGNATURE_HEADER]), Date.now())).toBe(true)
    const data = JSON.parse(got!.body).data
    expect(data).toMatchObject({ id: 'H1', body: '物业', status: 'in_progress', note: '请今天派人清理', unit: '华府社区' })
    expect(data.description).toContain('3号楼')
    expect(data.description).not.toContain('13812345678')
    expect(received.filter((r) => r.path === '/water')).toHaveLength(0)
    const h = await sim.infra.db.prisma.hazard.findFirstOrThrow({ where: { number: 1 } })
    expect(h.status).toBe('in_progress')
  })

  it('refuses a body nobody registered, naming the known ones; nothing recorded', async () => {
    const events = await sim.infra.db.prisma.hazardEvent.count()
    const deliveries = await sim.infra.db.prisma.webhookDelivery.count()
    await say('王书记', COMMUNITY, '#转办 H1 供电 请检查')
    expect(botSaid(sim, COMMUNITY).at(-1)).toMatch(/没有对接「供电」.*物业、供水公司|没有对接「供电」.*供水公司、物业/)
    expect(await sim.infra.db.prisma.hazardEvent.count()).toBe(events)
    expect(await sim.infra.db.prisma.webhookDelivery.count()).toBe(deliveries)
  })

  it('refuses a resident and a missing body, with an example', async () => {
    await say('王书记', COMMUNITY, '#转办 H1')
    expect(botSaid(sim, COMMUNITY).at(-1)).toContain('例如:#转办 H7 物业')
    await say('张大爷', GRID, '#转办 H1 物业')
    expect(botSaid(sim, GRID).at(-1)).toContain('暂不能使用 #转办')
    expect(received.filter((r) => r.path === '/wuye')).toHaveLength(1)
  })
})
