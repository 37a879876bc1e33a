// A database for one test file of the `handlers` project: a private copy of the migrated PGlite that
// test/setup/pglite-template.ts made once for the run (no migrations run here; nothing shared between files).
import { readFileSync } from 'node:fs'
import { inject } from 'vitest'
import { openDatabase, type Database } from '../../src/db/client.ts'

/** The migrated data folder, for `openDatabase({ pgliteData })`. */
export function templateData(): Blob {
  const file = inject('pgliteTemplate')
  if (!file) throw new Error('no migrated PGlite template: this test belongs to the `handlers` project of vitest.config.ts')
  return new Blob([readFileSync(file)])
}

export const templateDatabase = (): Promise<Database> => openDatabase({ pgliteData: templateData() })
