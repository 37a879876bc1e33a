// Onboarding against the real parts (Wechaty on the mock, BullMQ on Redis, PostgreSQL): a link made in chat survives
// a re-import of the office's file, a file that carries another id wins (and says so), and the roster exported with
// the linked ids imports back with no change, as xlsx and as YAML.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../src/config/org-file.ts'
import type { OrgSpec } from '../src/config/org-spec.ts'
import { writeOrgFile } from '../src/config/org-write.ts'
import { exportRoster } from '../src/app/org-import.ts'
import { importOrg } from '../src/app/org-import.ts'
import { orgRepo } from '../src/kernel/org/org.repo.ts'
import { botSaid, testSim, type TestSim } from './helpers/sim.ts'

const ORG = path.resolve(import.meta.dirname, 'fixtures/onboarding-org.yaml')
const GRID = '华府社区5号网格群'

let sim: TestSim
let spec: OrgSpec
let dir: string
const member = (name: string) => sim.stores.db.prisma.member.findFirstOrThrow({ where: { name, active: true }, orderBy: { id: 'asc' } })
const say = async (wxid: string, room: string, text: string) => {
  sim.world.say(sim.world.person({ wxid }), room, text)
  await sim.settle()
}

beforeAll(async () => {
  spec = await loadOrgFile(ORG)
  sim = await testSim({ spec })
  dir = mkdtempSync(path.join(os.tmpdir(), 'onboard-export-'))
  await say('wxid_zhangwei', GRID, '#登记 张伟 1234')
})
afterAll(async () => {
  await sim?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('onboarding with the org file', () => {
  it('an entry without a contact id authorizes nobody and is @-ed by nobody', async () => {
    const db = sim.stores.db.prisma
    const community = await db.unit.findFirstOrThrow({ where: { name: '华府社区' } })
    // 马丽 is a supervisor of 华府社区 on the roster, not yet linked: not among the people asked or @-ed.
    expect((await orgRepo.membersIn(db, [community.id], ['supervisor'])).map((m) => m.name)).toEqual(['王书记'])
    expect(await orgRepo.membersByName(db, community.districtId!, '马丽')).toEqual([])
    expect((await orgRepo.membersByIds(db, [(await member('马丽')).id])).length).toBe(0)
  })

  it('links in chat, and a re-import of the same file keeps the link', async () => {
    expect(botSaid(sim, GRID).at(-1)).toContain('已登记:张伟(网格员)')
    expect(await member('张伟')).toMatchObject({ wxid: 'wxid_zhangwei', linkedVia: 'chat' })
    const again = await importOrg(sim.stores.db.prisma, spec)
    expect(again.lines).toEqual([])
    expect(again.deactivated).toBe(0)
    expect(await member('张伟')).toMatchObject({ wxid: 'wxid_zhangwei', linkedVia: 'chat', active: true })
    const audit = await sim.stores.db.prisma.registration.findFirstOrThrow({ where: { wxid: 'wxid_zhangwei' } })
    expect(audit).toMatchObject({ status: 'confirmed', name: '张伟', decidedById: null })
    // Still linked after the re-import: the person's command works.
    await say('wxid_zhangwei', GRID, '#签到 走访 2户')
    expect(botSaid(sim, GRID).at(-1)).toContain('签到成功')
  })

  it('exports the roster with the linked ids; import of the export changes nothing (xlsx and YAML)', async () => {
    const r = await exportRoster(sim.stores.db.prisma)
    expect(r.unlinked).toBe(4) // 马丽, the two 陈静, 钱管理; 张伟 is linked
    const zhang = r.spec.members.find((m) => m.name === '张伟')!
    expect(zhang).toMatchObject({ wxid: 'wxid_zhangwei', phone: '13800001234', unit: '华府社区5号网格', role: 'grid_cadre' })
    expect(r.spec.members.find((m) => m.name === '马丽')!.wxid).toBeUndefined()
    expect(r.spec.rooms.find((x) => x.topic === GRID)!.wxRoomId).toMatch(/@chatroom$/)
    for (const ext of ['xlsx', 'yaml']) {
      const file = path.join(dir, `roster.${ext}`)
      await writeOrgFile(file, r.spec)
      const back = await loadOrgFile(file)
      expect(back.members.filter((m) => !m.wxid).map((m) => m.name)).toEqual(['马丽', '陈静', '陈静', '钱管理'])
      const report = await importOrg(sim.stores.db.prisma, back)
      expect({ ext, lines: report.lines }).toEqual({ ext, lines: [] })
    }
    expect(await sim.stores.db.prisma.member.count({ where: { active: true } })).toBe(10)
  })

  it('a file that carries another id for a person linked in chat wins, and the change is reported', async () => {
    const changed = { ...spec, members: spec.members.map((m) => (m.name === '张伟' ? { ...m, wxid: 'wxid_zhangwei_2' } : m)) }
    const report = await importOrg(sim.stores.db.prisma, changed)
    expect(report.relinked).toBe(1)
    expect(report.lines).toContain('~ 成员 张伟 的微信ID 由 wxid_zhangwei 改为 wxid_zhangwei_2(以文件为准)')
    expect(await member('张伟')).toMatchObject({ wxid: 'wxid_zhangwei_2', linkedVia: 'file' })
    // The old contact id authorizes nothing any more, once the worker's member cache (30 s) has let it go.
    await sim.advance(31_000)
    await say('wxid_zhangwei', GRID, '#签到 走访')
    expect(botSaid(sim, GRID).at(-1)).not.toContain('签到成功')
  })

  it('a member removed from the roster after linking authorizes nothing and may register for their new entry', async () => {
    // 李佳鑫 (linked by the file) moves from the grid to the community as a volunteer: the office's new sheet lists
    // the new entry without an id.
    const moved = {
      ...spec,
      members: [
        ...spec.members.filter((m) => m.name !== '李佳鑫'),
        { name: '李佳鑫', unit: '华府社区', role: 'volunteer' as const, phone: '13900005678', rooms: ['华府社区群'], teams: [], duties: [] },
      ],
    }
    const report = await importOrg(sim.stores.db.prisma, moved)
    expect(report.deactivated).toBe(1)
    await sim.advance(31_000)
    await say('wxid_lijiaxin', GRID, '#签到 走访')
    expect(botSaid(sim, GRID).at(-1)).not.toContain('签到成功')
    // Not "already registered as 李佳鑫(网格员)": the removed entry links nobody any more.
    await say('wxid_lijiaxin', '华府社区群', '#登记 李佳鑫 5678')
    expect(botSaid(sim, '华府社区群').at(-1)).toContain('已登记:李佳鑫(志愿者)')
    const rows = await sim.stores.db.prisma.member.findMany({ where: { name: '李佳鑫' }, orderBy: { id: 'asc' } })
    expect(rows.map((m) => [m.active, m.wxid])).toEqual([
      [false, null],
      [true, 'wxid_lijiaxin'],
    ])
    // The same sheet again changes nothing (the new link is kept, the old entry stays off).
    expect((await importOrg(sim.stores.db.prisma, moved)).lines).toEqual([])
  })
})
