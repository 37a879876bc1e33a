// The `handlers` project's one migrated database: PGlite (in process, no server) is started and migrated once per
// run, its data folder dumped to a file, and every test file loads its own copy of that (test/helpers/template-db.ts)
// instead of running the migrations again. Copies are independent: a file's writes never reach another file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '../../src/db/migrate.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data folder with every migration applied (dumpDataDir, uncompressed tar). */
    pgliteTemplate: string
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-pglite-template-'))
  const file = path.join(dir, 'migrated.tar')
  const db = new PGlite()
  try {
    // What openDatabase's migrate() runs on PGlite: the committed SQL, recorded in _prisma_migrations.
    await applyMigrations(
      { exec: async (sql) => void (await db.exec(sql)), query: async (sql, params) => (await db.query(sql, params)).rows as Record<string, unknown>[] },
      { lock: false },
    )
    writeFileSync(file, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()))
  } finally {
    await db.close()
  }
  project.provide('pgliteTemplate', file)
  return () => rmSync(dir, { recursive: true, force: true })
}
