// Issue #26: a city file naming its districts' files. The city and its districts are imported together (one
// transaction): districts' paths start with the city's, ids stay per district, a district's own file keeps it under
// its city; a missing district file, one that names another city, or a district of another city imports nothing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { templateDatabase } from '../helpers/template-db.ts'
import { loadCityFile, loadOrgSource } from '../../src/config/city-file.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import type { Database } from '../../src/db/client.ts'
import { exportCityFiles, importCity, importOrg } from '../../src/app/org-import.ts'
import { writeCityFiles } from '../../src/config/city-write.ts'
import { isSupervisorOver } from '../../src/kernel/org/authority.ts'
import { orgRepo } from '../../src/kernel/org/org.repo.ts'

const fixtures = path.resolve(import.meta.dirname, '../fixtures/city')
const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-city-'))
let db: Database

/** A city file in a scratch folder naming these district files (absolute, or relative to the scratch folder). */
function cityFile(name: string, city: string, districts: string[]): string {
  const file = path.join(dir, name)
  const list = districts.map((d) => (d.startsWith('/') ? d : path.join(fixtures, d)))
  writeFileSync(file, `city: ${city}\ndistricts: [${list.join(', ')}]\naccounts: [{ id: bot-x }]\n`)
  return file
}

const unitCount = () => db.prisma.unit.count()

beforeAll(async () => {
  db = await templateDatabase()
})
afterAll(() => db?.close())

describe('a city file that cannot be imported imports nothing', () => {
  it('a district file that is missing: named in the error', async () => {
    const file = cityFile('missing.yaml', '郑州市', ['erqi.yaml', 'nowhere.yaml'])
    await expect(loadCityFile(file)).rejects.toMatchObject({ code: 'CITY_DISTRICT_MISSING', userMessage: expect.stringContaining('nowhere.yaml') })
    expect(await unitCount()).toBe(0)
  })

  it('a district file that names another city: named in the error', async () => {
    const file = cityFile('other.yaml', '郑州市', ['erqi.yaml', 'rencheng.yaml'])
    await expect(loadCityFile(file)).rejects.toMatchObject({
      code: 'CITY_DISTRICT_OTHER_CITY',
      userMessage: expect.stringMatching(/rencheng\.yaml.*济宁市/),
    })
  })

  it('a city file named as a district', async () => {
    const file = cityFile('nested.yaml', '郑州市', [path.join(fixtures, 'zhengzhou.yaml')])
    await expect(loadCityFile(file)).rejects.toMatchObject({ code: 'CITY_DISTRICT_IS_CITY', userMessage: expect.stringContaining('zhengzhou.yaml') })
  })

  it('one district listed twice', async () => {
    const file = cityFile('twice.yaml', '郑州市', ['huiji.yaml', 'huiji.yaml'])
    await expect(loadCityFile(file)).rejects.toMatchObject({ code: 'CITY_DISTRICT_TWICE' })
  })
})

describe('importing 郑州市 and its two districts', () => {
  beforeAll(async () => {
    const src = await loadOrgSource(path.join(fixtures, 'zhengzhou.yaml'))
    if (src.kind !== 'city') throw new Error('zhengzhou.yaml read as a district file')
    const r = await importCity(db.prisma, src.source)
    expect(r.districts.map((d) => d.name)).toEqual(['二七区', '惠济区'])
  })

  it('puts the districts under the city: every unit of theirs has a path under the city’s', async () => {
    const city = (await orgRepo.findCity(db.prisma, '郑州市'))!
    expect(city).toMatchObject({ kind: 'city', parentId: null, path: `/${city.id}/`, depth: 0, districtId: city.id })
    const districts = await orgRepo.districtsOf(db.prisma, city.id)
    expect(districts.map((d) => d.name)).toEqual(['二七区', '惠济区'])
    for (const d of districts) {
      expect(d).toMatchObject({ path: `/${city.id}/${d.id}/`, depth: 1, districtId: d.id })
      for (const u of await orgRepo.unitsOfDistrict(db.prisma, d.id)) expect(u.path.startsWith(d.path)).toBe(true)
    }
  })

  it("makes the city's supervisor stand above a grid of each district, and keeps districts apart", async () => {
    const ma = (await orgRepo.memberByWxid(db.prisma, 'wxid_city_ma'))!
    const sun = (await orgRepo.memberByWxid(db.prisma, 'wxid_sun'))!
    const erqiGrid = (await orgRepo.unitByName(db.prisma, sun.unit.districtId!, '华府社区5号网格'))!
    const huiji = (await orgRepo.findDistrict(db.prisma, '惠济区'))!
    const huijiGrid = (await orgRepo.unitByName(db.prisma, huiji.id, '弘湖社区1号网格'))!
    expect(ma.unit.kind).toBe('city')
    expect(isSupervisorOver(ma, erqiGrid) && isSupervisorOver(ma, huijiGrid)).toBe(true)
    expect(isSupervisorOver(sun, huijiGrid)).toBe(false)
  })

  it('leaves the city out of a unit’s ancestors: escalation and policies stop at the district as before', async () => {
    const huiji = (await orgRepo.findDistrict(db.prisma, '惠济区'))!
    const grid = (await orgRepo.unitByName(db.prisma, huiji.id, '弘湖社区1号网格'))!
    expect((await orgRepo.ancestors(db.prisma, grid)).map((u) => u.name)).toEqual(['惠济区', '新城街道', '弘湖社区'])
  })

  it('a second import changes nothing', async () => {
    const src = await loadCityFile(path.join(fixtures, 'zhengzhou.yaml'))
    const r = await importCity(db.prisma, src)
    for (const rep of [r.city, ...r.districts.map((d) => d.report)]) {
      expect(rep.created).toEqual({ units: 0, rooms: 0, members: 0, accounts: 0 })
      expect(rep.updated).toEqual({ units: 0, rooms: 0, members: 0 })
    }
  })

  it("a district's own file imported alone keeps it under its city", async () => {
    const r = await importOrg(db.prisma, await loadOrgFile(path.join(fixtures, 'huiji.yaml')))
    expect(r.updated.units).toBe(0)
    const huiji = (await orgRepo.findDistrict(db.prisma, '惠济区'))!
    const city = (await orgRepo.findCity(db.prisma, '郑州市'))!
    expect(huiji.parentId).toBe(city.id)
  })

  it('a district already under 郑州市 named by another city file: refused, naming the file; nothing imported', async () => {
    const before = await unitCount()
    const file = cityFile('jining.yaml', '济宁市', ['huiji.yaml'])
    await expect(importCity(db.prisma, await loadCityFile(file))).rejects.toMatchObject({
      code: 'CITY_DISTRICT_OTHER_CITY',
      userMessage: expect.stringMatching(/huiji\.yaml.*郑州市/),
    })
    expect(await unitCount()).toBe(before)
    expect(await orgRepo.findCity(db.prisma, '济宁市')).toBeNull()
  })
})

describe('gridbot org export of the whole city (after the import above)', () => {
  const snapshot = async () => ({
    units: await db.prisma.unit.findMany({ orderBy: { id: 'asc' }, select: { name: true, kind: true, path: true, policy: true } }),
    rooms: await db.prisma.room.findMany({ orderBy: { id: 'asc' }, select: { topic: true, unitId: true, accountId: true, wxRoomId: true } }),
    members: await db.prisma.member.findMany({ orderBy: { id: 'asc' }, select: { name: true, wxid: true, unitId: true, role: true, active: true } }),
  })

  for (const ext of ['yaml', 'xlsx'] as const)
    it(`writes the city file and one ${ext} file per district that import again changing nothing`, async () => {
      const before = await snapshot()
      const out = path.join(dir, `export-${ext}`, '郑州.yaml')
      mkdirSync(path.dirname(out), { recursive: true })
      const exported = await exportCityFiles(db.prisma, undefined, ext)
      expect(exported.city).toMatchObject({ city: '郑州市', districts: [`二七区.${ext}`, `惠济区.${ext}`] })
      expect(exported.city.members.map((m) => m.name)).toEqual(['马书记', '韩管理'])
      expect(exported.districts.map((d) => d.spec.city)).toEqual(['郑州市', '郑州市'])
      await writeCityFiles(out, exported)
      const src = await loadCityFile(out)
      expect(src.districts.map((d) => d.spec.district)).toEqual(['二七区', '惠济区'])
      const r = await importCity(db.prisma, src)
      for (const rep of [r.city, ...r.districts.map((d) => d.report)]) {
        expect(rep.lines).toEqual([])
        expect(rep.updated).toEqual({ units: 0, rooms: 0, members: 0 })
      }
      expect(await snapshot()).toEqual(before)
    })

  it('a city the database does not hold: refused, naming it', async () => {
    await expect(exportCityFiles(db.prisma, '济南市', 'yaml')).rejects.toMatchObject({ code: 'ORG_EXPORT_CITY', userMessage: '找不到市「济南市」' })
  })
})
