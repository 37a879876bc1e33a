// Applies prisma/migrations/*/migration.sql in order and records each in `_prisma_migrations` exactly as
// `prisma migrate deploy` does, so a connected machine can switch to Prisma's own CLI at any time.
// (Prisma's native schema engine cannot be downloaded here: STACK-NOTES.md.)
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { dbTexts } from './db.texts.ts'

export interface SqlRunner {
  exec(sql: string): Promise<void>
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations')
/** The advisory lock id Prisma's migrate uses, so ours and theirs never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string; checksum: string }[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

export class MigrationEditedError extends Error {
  readonly code = 'MIGRATION_EDITED'
  constructor(readonly names: string[]) {
    super(
      dbTexts.migrationEdited(names) +
        'Restore the committed file (git checkout prisma/migrations) and put schema changes in a new migration (npm run db:migration -- <name>).',
    )
    this.name = 'MigrationEditedError'
  }
}

export async function applyMigrations(db: SqlRunner, opts: { lock: boolean; dir?: string }): Promise<string[]> {
  if (opts.lock) await db.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK})`)
  try {
    await db.exec(CREATE_TABLE)
    const rows = await db.query(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)
    const done = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [String(r.migration_name), String(r.checksum)]))
    const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => String(r.migration_name))
    if (failed.length) throw new Error(`migration ${failed[0]} failed earlier and was not rolled back; fix the database first`)
    const migrations = listMigrations(opts.dir)
    // A migration edited after it was applied means this database and the code disagree on what the schema is:
    // refuse before applying anything (restore the file from version control, or write a new migration).
    const edited = migrations.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name)
    if (edited.length) throw new MigrationEditedError(edited)
    const applied: string[] = []
    for (const m of migrations) {
      if (done.has(m.name)) continue
      const id = randomUUID()
      await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [id, m.checksum, m.name])
      await db.exec(`BEGIN;\n${m.sql}\nCOMMIT;`).catch(async (e: Error) => {
        await db.exec('ROLLBACK').catch(() => undefined) // the original error below is what matters
        await db.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, String(e.message)])
        throw new Error(`migration ${m.name} failed: ${e.message}`)
      })
      await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id])
      applied.push(m.name)
    }
    return applied
  } finally {
    if (opts.lock) await db.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK})`)
  }
}
