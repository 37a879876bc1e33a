// The org import and export as the CLI, the console and tests call it: the kernel's import with this deployment's capabilities
// subscribed (each imports its own section of the org file, e.g. points its catalogue).
import type { OrgSpec } from '../config/org-spec.ts'
import type { CitySource } from '../config/city-spec.ts'
import { importCity as importCityWith, summariseCityImport, type CityImportReport } from '../kernel/org/city-import.service.ts'
import type { Db } from '../db/client.ts'
import { importOrg as importWith, summariseImport, type ImportReport } from '../kernel/org/org-import.service.ts'
import { domainEvents, policySlices } from './capability-wiring.ts'
import { exportRoster as exportWith, type RosterExport } from '../kernel/org/org-export.service.ts'
import { exportCity as exportCityWith, type CityExport } from '../kernel/org/city-export.service.ts'
import { exportCatalogue } from '../capabilities/points/catalogue.service.ts'
import type { DbOrTx } from '../db/client.ts'

export { summariseImport, type ImportReport }

export const importOrg = (db: Db, spec: OrgSpec, now: Date = new Date()): Promise<ImportReport> => importWith(db, spec, now, domainEvents, policySlices)

/** A city file and the districts' files it names (issue #26), all in one transaction. */
export const importCity = (db: Db, src: CitySource, now: Date = new Date()): Promise<CityImportReport> =>
  importCityWith(db, src, now, domainEvents, policySlices)

/** What `gridbot org import` prints after a city's import: one summary line for the city, one per district. */
export const summariseCity = (r: CityImportReport): string[] => summariseCityImport(r, summariseImport)

/** The org export with the sections capabilities keep (the points catalogue), so export → import keeps everything. */
export const exportRoster = (db: DbOrTx, districtName?: string): Promise<RosterExport> => exportWith(db, districtName, exportCatalogue)

/** A whole city (issue #26): its file and one file per district, with the districts' catalogues. */
export const exportCityFiles = (db: DbOrTx, cityName: string | undefined, ext: 'yaml' | 'xlsx'): Promise<CityExport> =>
  exportCityWith(db, cityName, ext, exportCatalogue)
