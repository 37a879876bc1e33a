// Issue #26: a city's dashboards. The read API with a key for 郑州市 reads every district (and `?unit=` names a unit of
// any of them); the board of a city's supervisor or admin is the city's, its children the districts.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSimOrg } from '../src/config/city-file.ts'
import { createLogger } from '../src/core/logger.ts'
import { apiRoutes } from '../src/http/api/api-routes.ts'
import { createHttpServer, type HttpServer } from '../src/http/server.ts'
import { createApiKey } from '../src/capabilities/openapi/api-key.service.ts'
import { orgRepo } from '../src/kernel/org/org.repo.ts'
import { boardData } from '../src/web/board/board-data.ts'
import { scopeOf } from '../src/web/auth/viewer.ts'
import { testSim, type TestSim } from './helpers/sim.ts'

const fixtures = path.resolve(import.meta.dirname, 'fixtures/city')

describe("a city's read API and board", () => {
  let sim: TestSim
  let server: HttpServer
  let url: string
  const key = async (unit: string, name: string) => (await createApiKey(sim.infra.db.prisma, { unit, name, write: false, now: sim.clock.now() })).key
  const read = async (k: string, p: string) => fetch(`${url}/api/v1/${p}`, { headers: { authorization: `Bearer ${k}` } })

  beforeAll(async () => {
    sim = await testSim({ ...(await loadSimOrg(path.join(fixtures, 'zhengzhou.yaml'))), start: new Date('2026-11-20T09:00:00+08:00') })
    server = createHttpServer({ host: '127.0.0.1', port: 0, log: createLogger('silent') })
    server.mount('/', apiRoutes({ work: sim.app.deps, mediaBaseUrl: null }))
    url = (await server.listen()).url
    sim.world.say(sim.world.person('李佳鑫'), '华府社区5号网格群', '#任务 3号楼水管漏水')
    sim.world.say(sim.world.person('周敏'), '弘湖社区1号网格群', '#任务 东门路灯不亮')
    await sim.settle()
  })
  afterAll(async () => {
    await server?.close()
    await sim?.close()
  })

  it("reads every district with the city's key, and a unit of any district by name", async () => {
    const city = await key('郑州市', '市大屏')
    const all = await (await read(city, 'tasks')).json()
    expect(all.total).toBe(2)
    // Both are T1: in a city's answer each row names its district.
    expect(all.items.map((t: { id: string; district: string }) => `${t.district} ${t.id}`).sort()).toEqual(['二七区 T1', '惠济区 T1'])
    const erqi = await (await read(city, 'tasks?unit=二七区')).json()
    expect(erqi.items.map((t: { id: string; unit: string }) => [t.id, t.unit])).toEqual([['T1', '华府社区5号网格']])
    expect((await (await read(city, 'tasks?unit=弘湖社区')).json()).total).toBe(1)
    expect((await read(city, 'tasks?unit=郑州市')).status).toBe(200)
    expect((await read(city, 'tasks?unit=金水区')).status).toBe(403)
    const district = await key('二七区', '区大屏')
    expect((await read(district, 'tasks?unit=弘湖社区')).status).toBe(403)
    const own = await (await read(district, 'tasks')).json()
    expect(own.total).toBe(1)
    expect(own.items[0].district).toBeUndefined()
  })

  it("names the district of each notice and ranking row in a city's answer", async () => {
    sim.world.say(sim.world.person('马书记'), '郑州团市委工作群', '#通知 @二七区 请明天上午报送暴雨排查情况')
    await sim.settle()
    const city = await key('郑州市', '市大屏2')
    const notices = await (await read(city, 'notices')).json()
    expect(notices.total).toBe(1)
    expect(notices.items[0]).toMatchObject({ id: 'B1', district: expect.any(String) })
    expect(['郑州市', '二七区']).toContain(notices.items[0].district)
    const ranks = await (await read(city, 'rankings')).json()
    expect(ranks.items.map((r: { district: string; unit: string }) => [r.district, r.unit]).sort()).toEqual([
      ['二七区', '二七区'],
      ['惠济区', '惠济区'],
    ])
    const district = await key('二七区', '区大屏2')
    expect((await (await read(district, 'notices')).json()).items[0].district).toBeUndefined()
    expect((await (await read(district, 'rankings')).json()).items.every((r: { district?: string }) => r.district === undefined)).toBe(true)
  })

  it("shows a city's supervisor and admin the city's board: its districts as children, both districts' work", async () => {
    const db = sim.infra.db.prisma
    for (const wxid of ['wxid_city_ma', 'wxid_city_han']) {
      const m = (await orgRepo.memberByWxid(db, wxid))!
      const scope = await scopeOf(db, m)
      expect(scope.name).toBe('郑州市')
      const data = await boardData(db, scope, sim.clock.now(), [])
      expect(data.children.map((c) => c.name)).toEqual(['二七区', '惠济区'])
      expect(data.tasks.map((t) => `${t.id} ${t.unit}`).sort()).toEqual(['二七区 T1 华府社区5号网格', '惠济区 T1 弘湖社区1号网格'])
    }
  })
})
