// The org import and export as the CLI, the console and tests call it: the kernel's import with this deployment's capabilities
// subscribed (each imports its own section of the org file, e.g. points its catalogue).
import type { OrgSpec } from '../config/org-spec.ts'
import type { Db } from '../db/client.ts'
import { importOrg as importWith, summariseImport, type ImportReport } from '../kernel/org/org-import.service.ts'
import { domainEvents, policySlices } from './capability-wiring.ts'
import { exportRoster as exportWith, type RosterExport } from '../kernel/org/org-export.service.ts'
import { exportCatalogue } from '../capabilities/points/catalogue.service.ts'
import type { DbOrTx } from '../db/client.ts'

export { summariseImport, type ImportReport }

export const importOrg = (db: Db, spec: OrgSpec, now: Date = new Date()): Promise<ImportReport> => importWith(db, spec, now, domainEvents, policySlices)

/** The org export with the sections capabilities keep (the points catalogue), so export → import keeps everything. */
export const exportRoster = (db: DbOrTx, districtName?: string): Promise<RosterExport> => exportWith(db, districtName, exportCatalogue)
