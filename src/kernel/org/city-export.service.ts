// `gridbot org export --city 郑州市` (issue #26): the city as `gridbot org import` reads it again — the city file (its
// own groups, accounts, people and policies, naming its districts' files) and one file per district, each the
// district's own export with `city:` naming its city. Export → import changes nothing.
import { AppError } from '../../core/errors.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { CitySpec } from '../../config/city-spec.ts'
import type { OrgSpec } from '../../config/org-spec.ts'
import { cityImportTexts as t } from './city-import.texts.ts'
import { exportUnitRoster, type CatalogueExport } from './org-export.service.ts'
import { orgRepo } from './org.repo.ts'

export interface CityExport {
  city: CitySpec
  /** Each district's file, named as the city file names it (relative to the city file). */
  districts: { file: string; spec: OrgSpec }[]
  unlinked: number
  notExported: string[]
}

/** `ext`: the districts' files' format (`yaml`, or `xlsx`: the office's sheet); the city file is always YAML. */
export async function exportCity(db: DbOrTx, cityName: string | undefined, ext: 'yaml' | 'xlsx', catalogue?: CatalogueExport): Promise<CityExport> {
  const cities = await orgRepo.cities(db)
  const city = cityName ? cities.find((c) => c.name === cityName) : cities.length === 1 ? cities[0] : undefined
  if (!city)
    throw new AppError(
      'ORG_EXPORT_CITY',
      `city ${cityName ?? '(none given)'} not found among ${cities.length}`,
      cityName ? t.exportUnknown(cityName) : t.exportWhich(cities.length),
    )
  const own = await exportUnitRoster(db, city)
  const districts: CityExport['districts'] = []
  let unlinked = own.unlinked
  const notExported = [...own.notExported]
  for (const d of await orgRepo.districtsOf(db, city.id)) {
    const r = await exportUnitRoster(db, d, catalogue)
    districts.push({ file: `${d.name}.${ext}`, spec: { ...r.spec, city: city.name } })
    unlinked += r.unlinked
    notExported.push(...r.notExported)
  }
  const s = own.spec
  const spec: CitySpec = {
    city: city.name,
    districts: districts.map((d) => d.file),
    ...(s.policies ? { policies: s.policies } : {}),
    accounts: s.accounts,
    rooms: s.rooms,
    members: s.members,
    guests: s.guests,
  }
  return { city: spec, districts, unlinked, notExported: [...new Set(notExported)] }
}
