// A migration edited after it was applied is an error, not a warning: the start stops before applying anything.
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { describe, expect, it } from 'vitest'
import { applyMigrations, listMigrations, MIGRATIONS_DIR, MigrationEditedError, type SqlRunner } from '../../src/db/migrate.ts'

const runner = (db: PGlite): SqlRunner => ({
  exec: async (sql) => void (await db.exec(sql)),
  query: async (sql, params) => (await db.query(sql, params)).rows as Record<string, unknown>[],
})

describe('an applied migration edited afterwards', () => {
  it('stops migrate with an error naming it, and applies nothing else', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'))
    cpSync(MIGRATIONS_DIR, dir, { recursive: true })
    const all = listMigrations(dir).map((m) => m.name)
    const db = new PGlite()
    try {
      expect(await applyMigrations(runner(db), { lock: false, dir })).toEqual(all)
      const first = all[0]!
      appendFileSync(path.join(dir, first, 'migration.sql'), '\n-- edited later\n')
      // A new migration waiting behind the edit is not applied either.
      cpSync(path.join(dir, first), path.join(dir, '29991231000000_later'), { recursive: true })
      const err = await applyMigrations(runner(db), { lock: false, dir }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(MigrationEditedError)
      expect((err as MigrationEditedError).names).toEqual([first])
      expect((err as Error).message).toContain(first)
      const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)
      expect(rows.rows[0]!.n).toBe(all.length)
    } finally {
      await db.close()
    }
  })
})
