// Reads a city file and every district file it names (issue #26), checking before anything is imported: a named
// file that is missing, unreadable or invalid, a city file named as a district, a district whose file names another
// city, or a district named twice fails with the file named — and nothing is imported.
import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import YAML from 'yaml'
import { AppError, isAppError } from '../core/errors.ts'
import { citySpecSchema, flattenCity, isCityYaml, type CitySource, type DistrictFile } from './city-spec.ts'
import { cityFileTexts as t } from './city-file.texts.ts'
import { loadOrgFile } from './org-file.ts'
import type { OrgSpec } from './org-spec.ts'

const isYaml = (file: string) => /\.ya?ml$/i.test(file)

async function readYaml(file: string): Promise<unknown> {
  return YAML.parse(await readFile(file, 'utf8'))
}

/** Only to tell a city file from a district's: YAML that does not parse is the district reader's to report. */
const peekYaml = (file: string): Promise<unknown> => readYaml(file).catch(() => undefined)

/** An org file of either kind: a district's (YAML or xlsx) or a city's (YAML naming its districts' files). */
export async function loadOrgSource(file: string): Promise<{ kind: 'district'; spec: OrgSpec } | { kind: 'city'; source: CitySource }> {
  if (isYaml(file) && isCityYaml(await peekYaml(file))) return { kind: 'city', source: await loadCityFile(file) }
  return { kind: 'district', spec: await loadOrgFile(file) }
}

/** What the simulator runs: a district's file as it is, or a city's world (every group and person) and the city. */
export async function loadSimOrg(file: string): Promise<{ spec: OrgSpec; city?: CitySource }> {
  const src = await loadOrgSource(file)
  return src.kind === 'city' ? { spec: flattenCity(src.source), city: src.source } : { spec: src.spec }
}

export async function loadCityFile(file: string): Promise<CitySource> {
  const parsed = citySpecSchema.safeParse(await readYaml(file))
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new AppError('CITY_FILE_INVALID', `city file ${file} invalid`, t.invalid(file, lines))
  }
  const city = parsed.data
  const districts: DistrictFile[] = []
  for (const name of city.districts) {
    const full = path.resolve(path.dirname(file), name)
    districts.push({ file: name, spec: await loadDistrictFile(city.city, name, full) })
  }
  const seen = new Set<string>()
  for (const d of districts) {
    if (d.spec.district === city.city) throw fail('CITY_DISTRICT_IS_CITY', d.file, t.sameAsCity(d.file, d.spec.district))
    if (seen.has(d.spec.district)) throw fail('CITY_DISTRICT_TWICE', d.file, t.twice(d.file, d.spec.district))
    seen.add(d.spec.district)
  }
  return { file, city, districts }
}

const fail = (code: string, file: string, userMessage: string) => new AppError(code, `city file: district file ${file} refused (${code})`, userMessage)

async function loadDistrictFile(cityName: string, name: string, full: string): Promise<OrgSpec> {
  const exists = await access(full).then(
    () => true,
    () => false,
  )
  if (!exists) throw fail('CITY_DISTRICT_MISSING', name, t.missing(cityName, name))
  if (isYaml(full) && isCityYaml(await peekYaml(full))) throw fail('CITY_DISTRICT_IS_CITY', name, t.isCity(name))
  let spec: OrgSpec
  try {
    spec = await loadOrgFile(full)
  } catch (e) {
    if (isAppError(e)) throw fail('CITY_DISTRICT_INVALID', name, t.unreadable(name, e.userMessage))
    throw e
  }
  if (spec.city && spec.city !== cityName) throw fail('CITY_DISTRICT_OTHER_CITY', name, t.otherCity(name, spec.city, cityName))
  return spec
}
