// Monthly partitions of the append-only tables (issue #26, migration …_monthly_partitions): existing rows move into
// their months, a month's partition is created ahead (taking that month's rows out of the DEFAULT partition), a
// wholly past month is dropped, and a query across a month boundary reads both partitions. PGlite runs the same SQL
// as PostgreSQL (test/migrations.int.test.ts applies it there).
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.ts'
import { Counters } from '../../src/core/metrics.ts'
import { applyMigrations, listMigrations, MIGRATIONS_DIR, type SqlRunner } from '../../src/db/migrate.ts'
import { partitionsRepo } from '../../src/domain/retention/partitions.repo.ts'
import { dropPastPartitions, ensurePartitions, retentionCutoffs } from '../../src/domain/retention/partitions.service.ts'
import { templateDatabase } from '../helpers/template-db.ts'

const runner = (db: PGlite): SqlRunner => ({
  exec: async (sql) => void (await db.exec(sql)),
  query: async (sql, params) => (await db.query(sql, params)).rows as Record<string, unknown>[],
})
const partitionsOf = async (db: PGlite, table: string) =>
  (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1`,
      [`"${table}"`],
    )
  ).rows.map((r) => r.name)
const SEED = `
  INSERT INTO "BotAccount" ("id") VALUES ('bot-main');
  INSERT INTO "Unit" ("id", "name", "kind") VALUES (1, '示范区', 'district');
  INSERT INTO "Room" ("id", "topic", "unitId", "accountId") VALUES (1, '示范区群', 1, 'bot-main');
  INSERT INTO "Member" ("id", "name", "unitId", "role", "updatedAt") VALUES (1, '张三', 1, 'volunteer', now());`

let db: PGlite
beforeAll(async () => {
  // The migrations before partitioning, rows in two past months, then the partitioning migration.
  const all = listMigrations()
  const at = all.findIndex((m) => m.name.endsWith('_monthly_partitions'))
  const before = mkdtempSync(path.join(os.tmpdir(), 'mig-before-'))
  for (const m of all.slice(0, at)) cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(before, m.name), { recursive: true })
  db = new PGlite()
  try {
    await applyMigrations(runner(db), { lock: false, dir: before })
    await db.exec(`${SEED}
      INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "at", "accountId", "messageId") VALUES
        (1, 1, 1, 'patrol', '2025-01-31 15:59:00', 'bot-main', 'm1'),
        (1, 1, 1, 'visit', '2025-02-01 01:00:00', 'bot-main', 'm2');
      INSERT INTO "AccountEvent" ("accountId", "state", "at") VALUES ('bot-main', 'logged_in', '2025-01-10 08:00:00');`)
    await applyMigrations(runner(db), { lock: false })
  } finally {
    rmSync(before, { recursive: true, force: true })
  }
})
afterAll(async () => {
  await db.close()
})

describe('monthly partitions', () => {
  it('the migration moves existing rows into their months and keeps the ids counting on', async () => {
    expect(await partitionsOf(db, 'Checkin')).toEqual(expect.arrayContaining(['Checkin_202501', 'Checkin_202502', 'Checkin_default']))
    expect(await partitionsOf(db, 'AccountEvent')).toEqual(expect.arrayContaining(['AccountEvent_202501', 'AccountEvent_default']))
    const rows = await db.query<{ id: number; messageId: string; p: string }>(
      `SELECT "id", "messageId", tableoid::regclass::text AS p FROM "Checkin" ORDER BY "id"`,
    )
    expect(rows.rows).toEqual([
      { id: 1, messageId: 'm1', p: '"Checkin_202501"' },
      { id: 2, messageId: 'm2', p: '"Checkin_202502"' },
    ])
    const next = await db.query<{ id: number }>(
      `INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "at", "accountId", "messageId") VALUES (1, 1, 1, 'patrol', '2025-02-02', 'bot-main', 'm3') RETURNING "id"`,
    )
    expect(next.rows[0]?.id).toBe(3)
  })

  it('a message is recorded once (ON CONFLICT on the message key)', async () => {
    const again = await db.query(
      `INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "at", "accountId", "messageId") VALUES (1, 1, 1, 'patrol', '2025-02-02', 'bot-main', 'm3') ON CONFLICT DO NOTHING RETURNING "id"`,
    )
    expect(again.rows).toEqual([])
  })

  it('a row of a month without its partition waits in DEFAULT, and moves when the month is created', async () => {
    await db.exec(
      `INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "at", "accountId", "messageId") VALUES (1, 1, 1, 'patrol', '2031-05-03', 'bot-main', 'm9')`,
    )
    expect((await db.query<{ p: string }>(`SELECT tableoid::regclass::text AS p FROM "Checkin" WHERE "messageId" = 'm9'`)).rows[0]?.p).toBe('"Checkin_default"')
    const made = await db.query<{ name: string | null }>(`SELECT gridbot_month_partition('Checkin', '2031-05-20') AS name`)
    expect(made.rows[0]?.name).toBe('Checkin_203105')
    expect((await db.query<{ p: string }>(`SELECT tableoid::regclass::text AS p FROM "Checkin" WHERE "messageId" = 'm9'`)).rows[0]?.p).toBe('"Checkin_203105"')
    // Twice is harmless.
    expect((await db.query<{ name: string | null }>(`SELECT gridbot_month_partition('Checkin', '2031-05-01') AS name`)).rows[0]?.name).toBeNull()
  })

  it('a week across a month boundary reads both months', async () => {
    const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Checkin" WHERE "unitId" = 1 AND "at" >= '2025-01-27' AND "at" < '2025-02-03'`)
    expect(n.rows[0]?.n).toBe(3)
  })

  it('drops only partitions wholly past, and old rows in DEFAULT', async () => {
    await db.exec(`INSERT INTO "AccountEvent" ("accountId", "state", "at") VALUES ('bot-main', 'stopped', '2030-01-01')`)
    const dropped = await db.query<{ name: string }>(`SELECT gridbot_drop_month_partitions('AccountEvent', '2025-02-01') AS name`)
    expect(dropped.rows.map((r) => r.name)).toEqual(['AccountEvent_202501'])
    const left = await db.query<{ state: string }>(`SELECT "state" FROM "AccountEvent" ORDER BY "at"`)
    expect(left.rows.map((r) => r.state)).toEqual(['stopped'])
    // The month ending after the cut-off stays.
    expect((await db.query(`SELECT gridbot_drop_month_partitions('Checkin', '2025-02-15')`)).rows).toHaveLength(1)
    expect(await partitionsOf(db, 'Checkin')).toContain('Checkin_202502')
  })
})

describe('the partition job and retention', () => {
  it('makes this month and the next two ahead, once; drops check-in months only when their retention is set', async () => {
    const t = await templateDatabase()
    try {
      const d = { prisma: t.prisma, log: createLogger('silent'), counters: new Counters() }
      const now = new Date(Date.UTC(2029, 11, 31, 23, 0))
      expect(await ensurePartitions(d, now)).toEqual([
        'Checkin_202912',
        'Checkin_203001',
        'Checkin_203002',
        'AccountEvent_202912',
        'AccountEvent_203001',
        'AccountEvent_203002',
        'InboxMessage_202912',
        'InboxMessage_203001',
        'InboxMessage_203002',
        'OutboxMessage_202912',
        'OutboxMessage_203001',
        'OutboxMessage_203002',
        'PointsEntry_202912',
        'PointsEntry_203001',
        'PointsEntry_203002',
      ])
      expect(await ensurePartitions(d, now)).toEqual([])
      // Kept for ever by default; with 12 months, every month before 2028-12 goes.
      expect(await dropPastPartitions(d, retentionCutoffs(now, 90, undefined))).not.toContain('Checkin_202912')
      expect(await partitionsRepo.list(t.prisma, 'Checkin')).toContain('Checkin_202912')
      await partitionsRepo.ensureMonth(t.prisma, 'Checkin', new Date(Date.UTC(2028, 10, 1)))
      expect(await dropPastPartitions(d, retentionCutoffs(now, 90, 12))).toContain('Checkin_202811')
      expect(await partitionsRepo.list(t.prisma, 'Checkin')).toEqual(expect.arrayContaining(['Checkin_202912', 'Checkin_default']))
    } finally {
      await t.close()
    }
  })
})
