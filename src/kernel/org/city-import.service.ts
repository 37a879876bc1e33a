// `gridbot org import city.yaml` (issue #26): the city unit (团市委) with its own groups and people, and every district
// its file names, in ONE transaction — a district that cannot be imported (another city's, say) leaves nothing behind.
// Each district is imported by the district import itself, placed under the city: its units' paths then start with
// the city's, so the city's supervisors stand above every unit of its districts (authority.ts), and nothing else
// about a district changes (its ids, its escalation, its policies: org.repo.ts `ancestors` stops at the district).
import { AppError } from '../../core/errors.ts'
import { Effects } from '../../core/effects.ts'
import { cityAsOrgSpec, type CitySource } from '../../config/city-spec.ts'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/transaction.ts'
import type { Publisher } from '../events.ts'
import type { PolicySlice } from '../policy/slice.ts'
import { cityImportTexts as t } from './city-import.texts.ts'
import {
  checkOrgSpec,
  emptyReport,
  flushImport,
  importAccounts,
  importDistrictIn,
  importMembers,
  importRooms,
  type ImportReport,
  type UnitRow,
} from './org-import.service.ts'
import { orgRepo } from './org.repo.ts'

export interface CityImportReport {
  cityId: number
  /** The city's own part (its unit, groups, people). */
  city: ImportReport
  districts: { file: string; name: string; report: ImportReport }[]
}

/** `slices`: the capabilities' slices of `policies:` (as for one district's import). */
export async function importCity(db: Db, src: CitySource, now: Date, events: Publisher, slices: readonly PolicySlice[]): Promise<CityImportReport> {
  // Every file is checked before the transaction opens; the transaction makes the rest all or nothing.
  const own = checkOrgSpec(cityAsOrgSpec(src.city), slices).spec
  const checked = src.districts.map((d) => ({ ...d, ...checkOrgSpec(d.spec, slices) }))
  const effects = new Effects()
  const result = await inTransaction(
    db,
    async (tx) => {
      const report = emptyReport()
      const city = await cityUnit(tx, src.city.city, report)
      for (const d of checked) await refuseOtherCity(tx, d.file, d.spec.district, city.id)
      const districts: CityImportReport['districts'] = []
      for (const d of checked)
        districts.push({
          file: d.file,
          name: d.spec.district,
          report: await importDistrictIn(tx, { spec: d.spec, units: d.units, now, events, effects, city }),
        })
      await importAccounts(tx, own, report)
      const byName = new Map([[city.name, city]])
      await importRooms(tx, own, city.id, byName, report)
      await importMembers(tx, own, city.id, byName, now, report)
      report.districtId = city.id
      return { cityId: city.id, city: report, districts }
    },
    { timeoutMs: 1_800_000 },
  )
  await flushImport(effects)
  return result
}

/** The city's unit: numbered as a district numbers its records (its own notices), the root of its districts' paths. */
async function cityUnit(tx: Tx, name: string, report: ImportReport): Promise<UnitRow & { name: string }> {
  const found = await orgRepo.findCity(tx, name)
  if (found) {
    report.unchanged++
    return found
  }
  const row = await orgRepo.createUnit(tx, { name, kind: 'city', parentId: null, districtId: null })
  report.created.units++
  report.lines.push(t.cityCreated(name))
  return orgRepo.updateUnit(tx, row.id, { districtId: row.id, path: `/${row.id}/`, depth: 0 })
}

/** A district already under another city stays there: the whole import is refused, naming the file. */
async function refuseOtherCity(tx: Tx, file: string, district: string, cityId: number): Promise<void> {
  const row = await orgRepo.findDistrict(tx, district)
  if (!row?.parentId || row.parentId === cityId) return
  const other = await orgRepo.unitById(tx, row.parentId)
  throw new AppError(
    'CITY_DISTRICT_OTHER_CITY',
    `district ${district} (${file}) is under city ${row.parentId}`,
    t.underOther(file, district, other?.name ?? '?'),
  )
}

export function summariseCityImport(r: CityImportReport, summarise: (r: ImportReport) => string): string[] {
  return [t.cityLine(summarise(r.city)), ...r.districts.map((d) => t.districtLine(d.name, d.file, summarise(d.report)))]
}
