// Issue #25: the org round trip keeps everything. The district's policies (an escalation period of 30 min), a
// unit's, the points catalogue, the accounts' names and pace, and teams go out with `gridbot org export` (the xlsx
// on its 设置 sheet, the YAML as it is) and come back unchanged; re-importing an office's own roster sheet (no 设置
// sheet) or a YAML without policies never clears what it does not mention; the import's counts say what changed.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../src/config/org-file.ts'
import type { OrgSpec } from '../src/config/org-spec.ts'
import { writeOrgFile } from '../src/config/org-write.ts'
import { exportRoster } from '../src/app/org-import.ts'
import { importOrg, summariseImport } from '../src/app/org-import.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { DEMO_ORG } from './helpers/paths.ts'

let stores: TestStores
const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-roundtrip-'))
beforeEach(async () => {
  stores = await freshStores()
})
afterEach(async () => {
  await stores.cleanup()
})

async function richSpec(): Promise<OrgSpec> {
  const spec = await loadOrgFile(DEMO_ORG)
  return {
    ...spec,
    policies: { escalation: { normal: '30m', urgent: '10m' }, quietHours: false },
    accounts: [{ id: 'bot-main', name: '网格助手', messagesPerSec: 0.5 }],
    units: spec.units.map((u) => (u.name === '人和路街道' ? { ...u, policies: { volunteersClaim: true } } : u)),
    members: spec.members.map((m, i) => (i === 0 ? { ...m, teams: ['应急队'], duties: ['巡查'] } : m)),
  }
}

const snapshot = async () => {
  const db = stores.db.prisma
  return {
    units: (await db.unit.findMany({ orderBy: { id: 'asc' }, select: { name: true, policy: true } })).map((u) => ({ name: u.name, policy: u.policy })),
    catalogue: await db.catalogueItem.findMany({
      orderBy: { id: 'asc' },
      select: { name: true, centi: true, supplied: true, stock: true, active: true, providerName: true, providerWxid: true },
    }),
    accounts: await db.botAccount.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true, messagesPerSec: true } }),
    members: await db.member.findMany({ orderBy: { id: 'asc' }, select: { name: true, teams: true, duties: true, active: true } }),
  }
}

describe('the org round trip', () => {
  for (const ext of ['xlsx', 'yaml'])
    it(`export → ${ext} → import keeps policies, catalogue, accounts and teams, and changes nothing`, async () => {
      await importOrg(stores.db.prisma, await richSpec())
      const before = await snapshot()
      expect(before.catalogue.length).toBeGreaterThan(0)
      expect(before.units.find((u) => u.name === '二七区')!.policy).not.toBeNull()
      const exported = await exportRoster(stores.db.prisma)
      expect(exported.notExported).toEqual([])
      const file = path.join(dir, `roster-${stores.prefix}.${ext}`)
      await writeOrgFile(file, exported.spec)
      const report = await importOrg(stores.db.prisma, await loadOrgFile(file))
      expect(report.lines).toEqual([])
      expect(report.updated).toEqual({ units: 0, rooms: 0, members: 0 })
      expect(await snapshot()).toEqual(before)
    })

  it('a roster sheet without the 设置 sheet, or a YAML without policies and catalogue, clears none of them', async () => {
    await importOrg(stores.db.prisma, await richSpec())
    const before = await snapshot()
    const bare = { ...(await loadOrgFile(DEMO_ORG)), catalogue: [] }
    bare.members = bare.members.map((m, i) => (i === 0 ? { ...m, teams: ['应急队'], duties: ['巡查'] } : m))
    // The office's own sheet: written, then its second sheet removed.
    const file = path.join(dir, `office-${stores.prefix}.xlsx`)
    await writeOrgFile(file, bare)
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    wb.removeWorksheet(wb.getWorksheet('设置')!.id)
    await wb.xlsx.writeFile(file)
    const sheet = await loadOrgFile(file)
    expect(sheet.catalogue).toEqual([])
    expect(sheet.policies).toBeUndefined()
    const r1 = await importOrg(stores.db.prisma, sheet)
    expect(summariseImport(r1)).toContain('更新 单位0 群0 成员0')
    const r2 = await importOrg(stores.db.prisma, bare)
    expect(r2.lines).toEqual([])
    expect(await snapshot()).toEqual(before)
  })

  it('counts what changed: the district’s new escalation period is one updated unit', async () => {
    const spec = await richSpec()
    await importOrg(stores.db.prisma, spec)
    const later = { ...spec, policies: { escalation: { normal: '45m', urgent: '10m' }, quietHours: false } }
    const changed = await importOrg(stores.db.prisma, later)
    expect(changed.updated.units).toBe(1)
    expect(changed.lines).toEqual(['~ 区 二七区'])
    expect(summariseImport(changed)).toContain('更新 单位1')
    // Cleared on purpose: an empty block says so.
    const cleared = await importOrg(stores.db.prisma, { ...later, units: spec.units.map((u) => (u.name === '人和路街道' ? { ...u, policies: {} } : u)) })
    expect(cleared.lines).toEqual(['~ 单位 人和路街道'])
  })
})
