import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importOrg } from '../src/app/org-import.ts'
import { loadOrgFile } from '../src/config/org-file.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { DEMO_ORG } from './helpers/paths.ts'

let stores: TestStores
beforeEach(async () => {
  stores = await freshStores()
})
afterEach(async () => {
  await stores.cleanup()
})

describe('org import', () => {
  it('is idempotent and reports what changed', async () => {
    const spec = await loadOrgFile(DEMO_ORG)
    const first = await importOrg(stores.db.prisma, spec)
    expect(first.created).toEqual({ units: 7, rooms: 7, members: 9, accounts: 1 })
    const again = await importOrg(stores.db.prisma, spec)
    expect(again.created).toEqual({ units: 0, rooms: 0, members: 0, accounts: 0 })
    expect(again.updated).toEqual({ units: 0, rooms: 0, members: 0 })
    expect(again.lines).toEqual([])
    expect(await stores.db.prisma.member.count()).toBe(9)

    // A promotion and a departure.
    const changed = {
      ...spec,
      members: spec.members.filter((m) => m.name !== '小杨').map((m) => (m.name === '陈晓' ? { ...m, role: 'supervisor' as const } : m)),
    }
    const third = await importOrg(stores.db.prisma, changed)
    expect(third.updated.members).toBe(1)
    expect(third.deactivated).toBe(1)
    expect(third.lines).toEqual(expect.arrayContaining(['~ 成员 陈晓', '- 成员 小杨 已停用(不在文件中)']))
    expect((await stores.db.prisma.member.findUnique({ where: { wxid: 'wxid_yang' } }))?.active).toBe(false)

    // Materialized paths: a subtree is a prefix.
    const grid = await stores.db.prisma.unit.findFirstOrThrow({ where: { name: '华府社区5号网格' } })
    const comm = await stores.db.prisma.unit.findFirstOrThrow({ where: { name: '华府社区' } })
    expect(grid.path.startsWith(comm.path)).toBe(true)
    expect(grid.depth).toBe(3)
  })

  it('keeps a policy the file does not mention (issue #25), clears it on an empty block, and a second import then changes nothing', async () => {
    const spec = await loadOrgFile(DEMO_ORG)
    const withPolicy = { ...spec, units: spec.units.map((u) => (u.name === '人和路街道' ? { ...u, policies: { volunteersClaim: true } } : u)) }
    await importOrg(stores.db.prisma, withPolicy)
    const town = () => stores.db.prisma.unit.findFirstOrThrow({ where: { name: '人和路街道' } })
    expect((await town()).policy).not.toBeNull()
    const kept = await importOrg(stores.db.prisma, spec)
    expect(kept.lines).toEqual([])
    expect((await town()).policy).toMatchObject({ volunteersClaim: true })
    const emptied = { ...spec, units: spec.units.map((u) => (u.name === '人和路街道' ? { ...u, policies: {} } : u)) }
    const cleared = await importOrg(stores.db.prisma, emptied)
    expect(cleared.lines).toContain('~ 单位 人和路街道')
    expect((await town()).policy).toEqual({ v: 1 })
    const again = await importOrg(stores.db.prisma, emptied)
    expect(again.lines).toEqual([])
  })

  it('imports the district office’s xlsx sheet (Chinese headers, one row per member)', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('网格员名单')
    ws.addRow(['区', '镇街', '社区', '网格', '群名', '姓名', '微信ID', '角色'])
    ws.addRow(['二七区', '人和路街道', '华府社区', '华府社区5号网格', '华府社区5号网格群', '李佳鑫', 'wxid_lijiaxin', '网格员'])
    ws.addRow(['二七区', '人和路街道', '华府社区', '华府社区6号网格', '华府社区6号网格群', '陈晓', 'wxid_chenxiao', '网格团干部'])
    ws.addRow(['二七区', '人和路街道', '华府社区', '', '华府社区群', '王书记', 'wxid_wang', '书记'])
    ws.addRow(['二七区', '', '', '', '二七区总群', '赵管理', 'wxid_admin', '管理员'])
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'org-')), 'org.xlsx')
    await wb.xlsx.writeFile(file)
    const spec = await loadOrgFile(file)
    const report = await importOrg(stores.db.prisma, spec)
    expect(report.created).toMatchObject({ units: 5, rooms: 4, members: 4 })
    const wang = await stores.db.prisma.member.findUniqueOrThrow({ where: { wxid: 'wxid_wang' }, include: { unit: true } })
    expect(wang).toMatchObject({ role: 'supervisor', unit: { name: '华府社区', kind: 'community' } })
    expect((await importOrg(stores.db.prisma, await loadOrgFile(file))).lines).toEqual([])
  })

  it('the xlsx sheet’s 群ID column binds those groups at import; another id later moves the binding; the rest stay unbound', async () => {
    const sheet = async (gridId: string) => {
      const wb = new ExcelJS.Workbook()
      const ws = wb.addWorksheet('网格员名单')
      ws.addRow(['区', '镇街', '社区', '网格', '群名', '姓名', '微信ID', '角色', '群ID'])
      ws.addRow(['二七区', '人和路街道', '华府社区', '华府社区5号网格', '华府社区5号网格群', '李佳鑫', 'wxid_lijiaxin', '网格员', gridId])
      ws.addRow(['二七区', '人和路街道', '华府社区', '', '华府社区群', '王书记', 'wxid_wang', '书记', ''])
      ws.addRow(['二七区', '', '', '', '二七区总群', '赵管理', 'wxid_admin', '管理员', '100@chatroom'])
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'org-')), 'org.xlsx')
      await wb.xlsx.writeFile(file)
      return loadOrgFile(file)
    }
    await importOrg(stores.db.prisma, await sheet('555@chatroom'))
    const room = (topic: string) => stores.db.prisma.room.findFirstOrThrow({ where: { topic }, include: { unit: true } })
    expect(await room('华府社区5号网格群')).toMatchObject({ wxRoomId: '555@chatroom', boundAt: expect.any(Date), unit: { name: '华府社区5号网格' } })
    expect(await room('二七区总群')).toMatchObject({ wxRoomId: '100@chatroom', unit: { name: '二七区' } })
    expect(await room('华府社区群')).toMatchObject({ wxRoomId: null, boundAt: null })
    expect((await importOrg(stores.db.prisma, await sheet('555@chatroom'))).lines).toEqual([])
    await importOrg(stores.db.prisma, await sheet('556@chatroom'))
    expect((await room('华府社区5号网格群')).wxRoomId).toBe('556@chatroom')
    expect(await stores.db.prisma.room.count({ where: { wxRoomId: '555@chatroom' } })).toBe(0)
  })

  it('rejects a sheet with an unknown role, naming the row', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('x')
    ws.addRow(['区', '镇街', '社区', '网格', '群名', '姓名', '微信ID', '角色'])
    ws.addRow(['二七区', '人和路街道', '', '', '街道群', '某人', 'wxid_x', '大王'])
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'org-')), 'bad.xlsx')
    await wb.xlsx.writeFile(file)
    await expect(loadOrgFile(file)).rejects.toMatchObject({ code: 'ORG_SHEET_ROWS', userMessage: expect.stringContaining('第2行') })
  })

  it('imports the generated district of the reports’ size', async () => {
    const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034 })
    const report = await importOrg(stores.db.prisma, spec)
    expect(report.created.rooms).toBe(1159)
    expect(report.created.members).toBe(spec.members.length)
    expect((await importOrg(stores.db.prisma, spec)).lines).toEqual([])
  })
})
