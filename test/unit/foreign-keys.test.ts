// Every reference between records is a foreign key (issue #13), on the embedded PGlite as on PostgreSQL (the same
// migration SQL; test/migrations.int.test.ts applies it to PostgreSQL). The migration also clears optional references
// that already point nowhere, so existing data cannot stop it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyMigrations, listMigrations, MIGRATIONS_DIR, type SqlRunner } from '../../src/db/migrate.ts'

const runner = (db: PGlite): SqlRunner => ({
  exec: async (sql) => void (await db.exec(sql)),
  query: async (sql, params) => (await db.query(sql, params)).rows as Record<string, unknown>[],
})
/** Integer columns named …Id that are not references: a polymorphic id (ProjectItem.refId: a need, task or resource);
 *  the ledger's reference to itself, partitioned (migration …_ledger_partitions: a key would need the month too). */
const NOT_REFERENCES = ['ProjectItem.refId', 'PointsEntry.reversesId']
/** A monthly partition's column as its table's (PointsEntry_202612.reversesId → PointsEntry.reversesId). */
const ofParent = (x: string) => x.replace(/_(\d{6}|default)\./, '.')

let db: PGlite
beforeAll(async () => {
  db = new PGlite()
  await applyMigrations(runner(db), { lock: false })
})
afterAll(async () => {
  await db.close()
})

describe('foreign keys', () => {
  it('every integer …Id column is a foreign key', async () => {
    const rows = await db.query<{ t: string; c: string }>(`
      SELECT c.table_name AS t, c.column_name AS c
      FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.data_type = 'integer' AND c.column_name ~ 'Id$'
        AND NOT EXISTS (
          SELECT 1 FROM information_schema.key_column_usage k
          JOIN information_schema.table_constraints tc ON tc.constraint_name = k.constraint_name AND tc.table_name = k.table_name
          WHERE tc.constraint_type = 'FOREIGN KEY' AND k.table_name = c.table_name AND k.column_name = c.column_name)
      ORDER BY 1, 2`)
    expect(rows.rows.map((r) => `${r.t}.${r.c}`).filter((x) => !NOT_REFERENCES.includes(ofParent(x)))).toEqual([])
  })

  it('refuses a row that refers to nothing', async () => {
    await expect(db.query(`INSERT INTO "TaskEvent" ("taskId", "at", "kind", "actorId") VALUES (999999, now(), 'x', NULL)`)).rejects.toThrow(/foreign key/)
  })

  it('the migration clears optional references that already point nowhere', async () => {
    const all = listMigrations()
    const fk = all.findIndex((m) => m.name.endsWith('_foreign_keys'))
    const before = mkdtempSync(path.join(os.tmpdir(), 'mig-before-'))
    for (const m of all.slice(0, fk)) cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(before, m.name), { recursive: true })
    const old = new PGlite()
    try {
      await applyMigrations(runner(old), { lock: false, dir: before })
      await old.exec(`
        INSERT INTO "BotAccount" ("id") VALUES ('bot-main');
        INSERT INTO "Unit" ("id", "name", "kind") VALUES (1, '示范区', 'district');
        INSERT INTO "Room" ("id", "topic", "unitId", "accountId") VALUES (1, '示范区群', 1, 'bot-main');
        INSERT INTO "Media" ("taskId", "roomId", "accountId", "messageId", "kind", "path", "at") VALUES (424242, 1, 'bot-main', 'm1', 'image', 'a.jpg', now());`)
      await applyMigrations(runner(old), { lock: false })
      const media = await old.query<{ taskId: number | null; roomId: number }>(`SELECT "taskId", "roomId" FROM "Media"`)
      expect(media.rows).toEqual([{ taskId: null, roomId: 1 }])
    } finally {
      await old.close()
      rmSync(before, { recursive: true, force: true })
    }
  })
})
