// The migration that renames Notice's timer columns to the escalation names keeps every row's state: timerStep 0, 1
// and 2 (SLA next, escalation next, done) become escalationLevel -1, 0 and 1; nextTimerAt and its index carry over.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../src/db/migrate.ts'

describe('migration notice_escalation_columns', () => {
  it('keeps each notice’s step and due time under the new names', async () => {
    const db = new PGlite()
    try {
      await db.exec(`
        CREATE TABLE "Notice" ("id" SERIAL PRIMARY KEY, "timerStep" INTEGER NOT NULL DEFAULT 0, "nextTimerAt" TIMESTAMP(3));
        CREATE INDEX "Notice_nextTimerAt_idx" ON "Notice"("nextTimerAt");
        INSERT INTO "Notice" ("timerStep", "nextTimerAt") VALUES (0, '2026-12-07 08:00'), (1, '2026-12-07 09:00'), (2, NULL);`)
      await db.exec(readFileSync(path.join(MIGRATIONS_DIR, '20261207162600_notice_escalation_columns', 'migration.sql'), 'utf8'))
      const rows = (await db.query<{ id: number; escalationLevel: number; nextEscalationAt: Date | null }>('SELECT * FROM "Notice" ORDER BY "id"')).rows
      expect(rows.map((r) => [r.escalationLevel, r.nextEscalationAt?.toISOString() ?? null])).toEqual([
        [-1, '2026-12-07T08:00:00.000Z'],
        [0, '2026-12-07T09:00:00.000Z'],
        [1, null],
      ])
      expect(Object.keys(rows[0]!).sort()).toEqual(['escalationLevel', 'id', 'nextEscalationAt'])
      const idx = (await db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'Notice'`)).rows.map((r) => r.indexname)
      expect(idx).toContain('Notice_nextEscalationAt_idx')
    } finally {
      await db.close()
    }
  })
})
