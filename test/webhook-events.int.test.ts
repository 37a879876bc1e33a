// The webhook events beyond hazards (issue #28), on the whole app (real Wechaty on the mock, BullMQ, PostgreSQL, a
// local HTTP receiver): a digest counted, a need recorded, a task created, claimed and escalated, a chased notice's
// SLA missed, a hazard verified. Each arrives signed, once per delivery id; the district's subscription gets ids,
// states and counts with residents' phones masked; the owning grid's own subscription gets the text as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, verify } from '../src/capabilities/openapi/webhook-sign.ts'
import { testSim, type TestSim } from './helpers/sim.ts'
import { openApiCli, type Received, type Receiver, startReceiver } from './helpers/webhooks.ts'

const GRID = '华府社区5号网格群'
const PHONE = '13812345678'
const NEW_EVENTS = 'task.created,task.claimed,task.escalated,hazard.verified,need.recorded,notice.sla_missed,digest.ready'

interface Delivery {
  secret: string
  event: string
  id: string
  body: { id: string; event: string; occurred_at: string; data: Record<string, unknown> }
}

describe('webhook events', () => {
  let sim: TestSim
  let receiver: Receiver
  let base: string
  const received: Received[] = []
  const secrets = new Map<string, string>()

  const cli = openApiCli(
    () => sim,
    () => true,
  )

  /** What `path`'s subscription received of `event`, each checked against its signature. */
  const got = (path: string, event: string): Delivery[] =>
    received
      .filter((r) => r.path === path && r.headers[EVENT_HEADER] === event)
      .map((r) => {
        const secret = secrets.get(path)!
        expect(verify(secret, r.body, String(r.headers[SIGNATURE_HEADER]), Date.now())).toBe(true)
        const body = JSON.parse(r.body) as Delivery['body']
        expect(body.id).toBe(r.headers[DELIVERY_HEADER])
        expect(body.event).toBe(event)
        return { secret, event, id: body.id, body }
      })

  const say = async (who: string, room: string, text: string) => {
    sim.world.say(sim.world.person(who), room, text)
    await sim.settle()
    await sim.advance(1_000)
  }

  beforeAll(async () => {
    // 07:50: the 08:00 daily digest is the first thing that happens.
    sim = await testSim({ start: new Date('2026-11-20T07:50:00+08:00'), env: { GRIDBOT_WEBHOOK_ALLOW_LOCAL: true } })
    receiver = await startReceiver(received)
    base = receiver.base
    secrets.set('/district', (await cli('webhooks', 'add', '--unit', '二七区', '--url', `${base}/district`, '--events', NEW_EVENTS))[1]!)
    secrets.set('/grid', (await cli('webhooks', 'add', '--unit', '华府社区5号网格', '--owning', '--url', `${base}/grid`, '--events', NEW_EVENTS))[1]!)
  })
  afterAll(async () => {
    receiver?.close()
    await sim?.close()
  })

  it('digest.ready: each unit with a group, its counts, to the subscription above it only', async () => {
    await sim.advance(11 * 60_000)
    await expect.poll(() => got('/district', 'digest.ready').length).toBe(4) // 二七区, 人和路街道, 华府社区, 正商社区
    const district = got('/district', 'digest.ready').find((d) => d.body.data.unit === '二七区')!
    expect(district.body.data).toMatchObject({ kind: 'daily', late: false, checkins: 0, tasks: { opened: 0, claimed: 0, done: 0 } })
    expect(got('/grid', 'digest.ready')).toHaveLength(0) // a grid has no digest, and the grid's key sees nothing above it
  })

  it('need.recorded: masked to the district, as written to the owning grid', async () => {
    await say('李佳鑫', GRID, `#需求 3号楼王奶奶家水管漏水,电话${PHONE}`)
    await expect.poll(() => got('/district', 'need.recorded').length).toBe(1)
    await expect.poll(() => got('/grid', 'need.recorded').length).toBe(1)
    const [up] = got('/district', 'need.recorded')
    expect(up!.body.data).toMatchObject({ id: 'N1', status: 'open', from_resident: false, unit: '华府社区5号网格', owning_unit: '华府社区5号网格' })
    expect(up!.body.data.description).toContain('水管漏水')
    expect(up!.body.data.description).not.toContain(PHONE)
    expect(got('/grid', 'need.recorded')[0]!.body.data.description).toContain(PHONE)
  })

  it('task.created and task.claimed', async () => {
    await say('李佳鑫', GRID, '#任务 修复3号楼路灯')
    await say('李佳鑫', GRID, '#认领 T1')
    await expect.poll(() => got('/district', 'task.claimed').length).toBe(1)
    expect(got('/district', 'task.created')[0]!.body.data).toMatchObject({ id: 'T1', status: 'open', priority: 'normal', title: '修复3号楼路灯' })
    expect(got('/district', 'task.claimed')[0]!.body.data).toMatchObject({ id: 'T1', status: 'claimed', how: 'claimed', unit: '华府社区5号网格' })
  })

  it('task.escalated: each level as it climbs, with the unit it reached', async () => {
    await say('李佳鑫', GRID, `#任务 清理楼道杂物 联系${PHONE}`)
    await sim.advance(10 * 60_000)
    await expect.poll(() => got('/district', 'task.escalated').length).toBe(1)
    await sim.advance(10 * 60_000)
    await expect.poll(() => got('/district', 'task.escalated').length).toBe(2)
    const [zero, one] = got('/district', 'task.escalated')
    expect(zero!.body.data).toMatchObject({ id: 'T2', level: 0, kind: 'unclaimed', reached_unit: '华府社区5号网格' })
    expect(one!.body.data).toMatchObject({ id: 'T2', level: 1, kind: 'unclaimed', reached_unit: '华府社区' })
    expect(one!.body.data.title).not.toContain(PHONE)
    await say('李佳鑫', GRID, '#认领 T2') // stops the climb
  })

  it('notice.sla_missed: a chased notice past its deadline, counts only', async () => {
    await say('孙区长', '二七区网格总群', '#通知 需确认 请各单位今天下班前上报值班人员名单')
    await say('李佳鑫', GRID, '收到')
    await sim.advance(10 * 60_000)
    await expect.poll(() => got('/district', 'notice.sla_missed').length).toBe(1)
    const d = got('/district', 'notice.sla_missed')[0]!.body.data
    expect(d).toMatchObject({ id: 'B1', unit: '二七区', failed: 0 })
    expect(d.unacknowledged).toBe((d.deliveries as number) - 1)
    expect(JSON.stringify(d)).not.toContain('值班人员') // the notice's text is not sent
    expect(got('/grid', 'notice.sla_missed')).toHaveLength(0) // the district's notice: not the grid's to hear
  })

  it('hazard.verified: by its reporter', async () => {
    await say('李佳鑫', GRID, '#隐患 消防 3号楼楼道堆放杂物')
    await say('王书记', GRID, '#办结 H1 杂物已清空')
    await say('李佳鑫', GRID, '#核实 H1')
    await expect.poll(() => got('/district', 'hazard.verified').length).toBe(1)
    expect(got('/district', 'hazard.verified')[0]!.body.data).toMatchObject({ id: 'H1', status: 'verified', verified_how: 'reporter' })
    await expect.poll(() => got('/grid', 'hazard.verified').length).toBe(1)
  })

  it('each delivery arrived once, none left pending', async () => {
    await sim.advance(5 * 60_000)
    const ids = received.map((r) => String(r.headers[DELIVERY_HEADER]))
    expect(new Set(ids).size).toBe(ids.length)
    expect(await sim.infra.db.prisma.webhookDelivery.count({ where: { deliveredAt: null } })).toBe(0)
  })
})
